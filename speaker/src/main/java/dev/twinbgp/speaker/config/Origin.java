package dev.twinbgp.speaker.config;

/** ORIGIN values (RFC 4271 section 5.1.1). */
public enum Origin {
    IGP(0), EGP(1), INCOMPLETE(2);

    private final int code;

    Origin(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** ExaBGP's spelling: {@code igp}, {@code egp}, {@code incomplete}. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
