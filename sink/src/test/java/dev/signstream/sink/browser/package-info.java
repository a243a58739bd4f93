/** The overlay page in a real headless Chromium, driven over the DevTools protocol. */
package dev.signstream.sink.browser;
