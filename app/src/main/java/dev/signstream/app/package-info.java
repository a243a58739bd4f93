/**
 * The {@code signstream} command line: one picocli command per role ({@code broker},
 * {@code demo}, {@code produce}, {@code process}, {@code sink}, {@code corpus}, {@code eval}), each
 * wiring the modules that do the work. Only this package prints to the terminal and exits.
 *
 * <p>A command restates no default and no check of the modules: its flag defaults come from the
 * settings records through its nested {@code Defaults} ({@link dev.signstream.app.FlagDefaults}),
 * and the records' constructors refuse bad values with messages that name the setting in the words
 * of its flag ("max batch must be >= 1, not 0"); the reporter puts the flag the user gave in front
 * ({@link dev.signstream.app.FlagAttribution}, exit code 2). A command checks only what no record
 * sees: flags that contradict each other, and values of flags no record holds.
 */
package dev.signstream.app;
