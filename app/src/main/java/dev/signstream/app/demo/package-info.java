/**
 * The one-command demo: the whole platform on this machine (embedded broker and registry,
 * processor, sink, synthetic cameras), live captions in the terminal, and a scored summary.
 */
package dev.signstream.app.demo;
