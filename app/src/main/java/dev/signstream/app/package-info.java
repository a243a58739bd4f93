/**
 * The {@code signstream} command line: one picocli command per role ({@code broker},
 * {@code demo}, {@code produce}, {@code process}, {@code sink}, {@code corpus}, {@code eval}), each
 * wiring the modules that do the work. Only this package prints to the terminal and exits.
 */
package dev.signstream.app;
