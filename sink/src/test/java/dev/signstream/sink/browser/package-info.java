/**
 * The caption pages and feeds in a real headless Chromium, driven over the DevTools protocol: the
 * overlay page, and the HLS subtitle rendition played by hls.js.
 */
package dev.signstream.sink.browser;
