/**
 * Benchmark and baseline harnesses (main classes that print tables), run from the test class path;
 * see {@code docs/synthetic-signer.md} for the commands.
 */
package dev.signstream.synth.bench;
