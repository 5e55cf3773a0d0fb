package dev.twinbgp.speaker.config;

import java.util.Optional;

/**
 * A configuration that cannot be used. The message is one line, meant for users, never a stack trace:
 * <pre>
 *   FILE:LINE:COLUMN: found 'TOKEN', expected WHAT
 *   FILE:LINE:COLUMN: found end of file, expected WHAT
 *   FILE: cannot read: REASON
 *   FILE:LINE:COLUMN: WHAT (a setting that parses but cannot run, found after parsing, e.g. by the peer mapping:
 *                          the position of the neighbor block it concerns)
 *   FILE: WHAT (the same, where no position is known)
 * </pre>
 * LINE and COLUMN are 1-based; COLUMN counts characters (a tab is one column).
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;

    private ConfigException(String message, String source, int line, int column, Throwable cause) {
        super(message, cause);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** A token (or the end of the input, when {@code found} is null) that does not fit. */
    static ConfigException unexpected(String source, int line, int column, String found, String expected) {
        String what = found == null ? "end of file" : "'" + found + "'";
        return new ConfigException(source + ":" + line + ":" + column + ": found " + what + ", expected " + expected,
                source, line, column, null);
    }

    static ConfigException unexpected(Token token, String expected) {
        return unexpected(token.source(), token.line(), token.column(), token.text(), expected);
    }

    /** The file could not be read at all. */
    static ConfigException unreadable(String source, String reason, Throwable cause) {
        return new ConfigException(source + ": cannot read: " + reason, source, 0, 0, cause);
    }

    /**
     * A configuration that parses but cannot be run (found after parsing, where no token position is kept):
     * {@code FILE: WHAT}, one line.
     */
    public static ConfigException invalid(String source, String what) {
        return new ConfigException(source + ": " + what, source, 0, 0, null);
    }

    /**
     * A configuration that parses but cannot be run, at a place found before (the block of the neighbor it concerns,
     * {@link Configuration#positions}): {@code FILE:LINE:COLUMN: WHAT}, one line; {@code FILE: WHAT} without one.
     */
    public static ConfigException invalid(String source, Optional<Configuration.Position> at, String what) {
        return new ConfigException(place(source, at) + ": " + what, source,
                at.map(Configuration.Position::line).orElse(0), at.map(Configuration.Position::column).orElse(0), null);
    }

    /**
     * The start of such a refusal's line: {@code FILE:LINE:COLUMN}, or {@code FILE} where no position is known - for
     * a refusal worded as a sentence instead of thrown ({@code PeerSettingsMapper.cannotRun}).
     */
    public static String place(String source, Optional<Configuration.Position> at) {
        return at.map(p -> source + ":" + p.line() + ":" + p.column()).orElse(source);
    }

    /** The file name (or {@code <command>} for an API command line). */
    public String source() {
        return source;
    }

    /** 1-based line of the offending token, 0 when the file could not be read or no position is known. */
    public int line() {
        return line;
    }

    /** 1-based column of the offending token, 0 when the file could not be read or no position is known. */
    public int column() {
        return column;
    }
}
