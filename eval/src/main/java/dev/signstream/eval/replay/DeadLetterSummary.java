package dev.signstream.eval.replay;

/**
 * A record of the range the processor could not process.
 *
 * @param partition source partition in the frames topic
 * @param offset    source offset
 * @param session   the record key, when readable
 * @param stage     where it failed (deserialize, validate, decode-frames, ...)
 * @param reason    the error class and message
 */
public record DeadLetterSummary(int partition, long offset, String session, String stage, String reason) {
}
