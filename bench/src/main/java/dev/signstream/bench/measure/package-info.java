/**
 * What every benchmark measures with: the one measuring loop ({@link dev.signstream.bench.measure.MeasuredLoop},
 * a template whose subclasses say what one call is), its {@link dev.signstream.bench.measure.Measurement},
 * and the JVM's CPU, allocation and load-average counters ({@link dev.signstream.bench.measure.Cpu}).
 */
package dev.signstream.bench.measure;
