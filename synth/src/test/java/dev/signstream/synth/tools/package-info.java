/** Command-line tools run from the test class path: the contact sheet and the variation gallery for the docs. */
package dev.signstream.synth.tools;
