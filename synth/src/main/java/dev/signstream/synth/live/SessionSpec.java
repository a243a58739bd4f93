package dev.signstream.synth.live;

import dev.signstream.synth.signer.SignerIdentity;

/**
 * One synthetic camera.
 *
 * @param sessionId         the session id (also the Kafka key later)
 * @param signer            who signs; use {@code SignerPool.LIVE} for people no model was trained on
 * @param script            what they sign
 * @param size              frame edge in pixels
 * @param fps               frames per second
 * @param seed              seed of the scene and the performance
 * @param startEpochMicros  capture time of frame 0
 */
public record SessionSpec(String sessionId, SignerIdentity signer, SessionScript script, int size, double fps,
                          long seed, long startEpochMicros) {

    public SessionSpec {
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("a session needs an id");
        }
        if (signer == null || script == null) {
            throw new IllegalArgumentException("session " + sessionId + " needs a signer and a script");
        }
        if (!(fps > 0 && fps <= 120)) {
            throw new IllegalArgumentException("fps must be in (0, 120], got " + fps + " for session " + sessionId);
        }
        if (startEpochMicros < 0) {
            throw new IllegalArgumentException("start time must not be negative, got " + startEpochMicros);
        }
    }
}
