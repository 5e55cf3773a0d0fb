package dev.twinbgp.parity;

/**
 * A scenario file that cannot be used. The message is one line for users, never a stack trace:
 * {@code FILE:LINE:COLUMN: found X, expected Y} (1-based line and column), or {@code FILE: cannot read: WHY}.
 */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    ScenarioException(String message) {
        super(message);
    }

    static ScenarioException at(String source, int line, int column, String found, String expected) {
        String what = found == null || found.isEmpty() ? "end of line" : "'" + found + "'";
        return new ScenarioException(source + ":" + line + ":" + column + ": found " + what + ", expected " + expected);
    }
}
