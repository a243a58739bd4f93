package dev.signstream.embedded.secure;

import java.util.Locale;

/** SignStream's roles on a secured cluster: each is its own Kafka user with its own ACLs. */
public enum Role {
    /** Cameras: writes frame chunks. */
    PRODUCER,
    /** Session inference: frames in, words and dead letters out, exactly once. */
    PROCESSOR,
    /** Sentences and captions: words in, sentences and dead letters out. */
    SINK,
    /** Evaluation: records labelled sessions and replays recordings (or the live frames) through models. */
    RECORDER,
    /** The operator: creates and deletes topics, manages ACLs (a super user). */
    ADMIN;

    /** The Kafka user name and the stem of the role's files ({@code producer.properties}). */
    public String userName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
