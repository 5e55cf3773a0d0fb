package dev.twinbgp.speaker.config;

import java.util.Locale;

/** Which I/O reactor runs the sessions: {@code twinbgp { reactor selector|netty|virtual; }}. */
public enum ReactorKind {
    SELECTOR, NETTY, VIRTUAL;

    /** The configuration spelling. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
