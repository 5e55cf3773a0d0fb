package dev.twinbgp.speaker.api;

import java.util.List;

/**
 * The answer to one command: output lines, then {@code done} or {@code error}. An error has exactly one
 * output line, saying what was wrong or expected.
 */
public record Reply(boolean ok, List<String> lines) {
    public Reply {
        lines = List.copyOf(lines);
    }

    static Reply done(List<String> lines) {
        return new Reply(true, lines);
    }

    static Reply done() {
        return new Reply(true, List.of());
    }

    static Reply error(String why) {
        return new Reply(false, List.of(why));
    }

    /** The acknowledgement line ExaBGP writes: {@code done} or {@code error}. */
    public String ack() {
        return ok ? "done" : "error";
    }
}
