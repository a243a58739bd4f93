package dev.signstream.processor;

import java.nio.ByteBuffer;

/**
 * The small per-session record next to the model state: what the idle-timeout punctuator needs
 * without reading the (large) state, and the end marker that keeps replayed chunks of an ended
 * session from starting a ghost session.
 *
 * @param lastSeq seq of the last chunk applied
 * @param lastCaptureUs capture time of the last frame applied (event time)
 * @param lastActivityMs wall clock of the last chunk applied (only for evicting abandoned sessions)
 * @param ended whether the session ended (its model state is gone)
 * @param words words emitted in the session
 */
record SessionActivity(long lastSeq, long lastCaptureUs, long lastActivityMs, boolean ended, int words) {

    private static final byte FORMAT = 1;
    static final int BYTES = 1 + 8 + 8 + 8 + 1 + 4;

    byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).put(FORMAT).putLong(lastSeq).putLong(lastCaptureUs)
                .putLong(lastActivityMs).put((byte) (ended ? 1 : 0)).putInt(words).array();
    }

    /** Reads bytes {@link #toBytes()} wrote; anything else is refused. */
    static SessionActivity fromBytes(byte[] bytes) {
        if (bytes.length != BYTES || bytes[0] != FORMAT) {
            throw new IllegalArgumentException("not a session activity record (" + bytes.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, BYTES - 1);
        return new SessionActivity(in.getLong(), in.getLong(), in.getLong(), in.get() == 1, in.getInt());
    }

    SessionActivity end() {
        return new SessionActivity(lastSeq, lastCaptureUs, lastActivityMs, true, words);
    }
}
