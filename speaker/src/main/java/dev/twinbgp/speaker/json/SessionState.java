package dev.twinbgp.speaker.json;

import java.util.Locale;

/** The session events ExaBGP reports as {@code "type": "state"}. */
public enum SessionState {
    /** The TCP connection is up (before OPEN). */
    CONNECTED,
    /** The session reached Established. */
    UP,
    /** The session went down; ExaBGP adds a {@code "reason"}. */
    DOWN;

    /** {@code connected}, {@code up} or {@code down}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
