/**
 * The caption view: every sink instance reads the whole sentences topic (all partitions,
 * {@code read_committed}, from the beginning) into memory, so any instance can answer for any
 * session, a reloaded page catches up at once, and subscribers get each partial and final
 * sentence as it is committed. The topic is the source of truth; the view is a cache of it.
 */
package dev.signstream.sink.view;
