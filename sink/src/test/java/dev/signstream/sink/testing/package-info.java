/** Test helpers: word events as the processor writes them. */
package dev.signstream.sink.testing;
