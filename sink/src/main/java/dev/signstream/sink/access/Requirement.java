package dev.signstream.sink.access;

import java.util.Objects;

/** What a request needs: nothing, an operator token, or a token for one session (or an operator's). */
public sealed interface Requirement {

    /** Anyone (health checks, metrics scrapers, CORS preflights). */
    record Open() implements Requirement {
    }

    /** An operator token. */
    record Operator() implements Requirement {
    }

    /** A token for this session, or an operator token. */
    record Session(String id) implements Requirement {
        public Session {
            Objects.requireNonNull(id, "id");
        }
    }

    /** Anyone. */
    Requirement OPEN = new Open();
    /** Operators only. */
    Requirement OPERATOR = new Operator();
}
