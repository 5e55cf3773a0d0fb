package dev.twinbgp.speaker.config;

/** A standard community (RFC 1997): 32 bits, written {@code high:low} or as a well-known name. */
public record Community(long value) {
    public static final Community GRACEFUL_SHUTDOWN = new Community(0xFFFF0000L); // RFC 8326
    public static final Community ACCEPT_OWN = new Community(0xFFFF0001L);        // RFC 7611
    public static final Community LLGR_STALE = new Community(0xFFFF0006L);        // RFC 9494
    public static final Community NO_LLGR = new Community(0xFFFF0007L);           // RFC 9494
    public static final Community BLACKHOLE = new Community(0xFFFF029AL);         // RFC 7999
    public static final Community NO_EXPORT = new Community(0xFFFFFF01L);         // RFC 1997
    public static final Community NO_ADVERTISE = new Community(0xFFFFFF02L);      // RFC 1997
    public static final Community NO_EXPORT_SUBCONFED = new Community(0xFFFFFF03L); // RFC 1997
    public static final Community NO_PEER = new Community(0xFFFFFF04L);           // RFC 3765

    public Community {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("community out of range: " + value);
        }
    }

    /** {@code high:low}. */
    @Override
    public String toString() {
        return (value >>> 16) + ":" + (value & 0xFFFF);
    }
}
