/** Benchmark harnesses of the evaluation (main classes that print tables; not tests). */
package dev.signstream.eval.bench;
