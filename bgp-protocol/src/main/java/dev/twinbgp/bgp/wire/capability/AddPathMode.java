package dev.twinbgp.bgp.wire.capability;

/** ADD-PATH Send/Receive field (RFC 7911 section 4). */
public enum AddPathMode {
    RECEIVE(1), SEND(2), BOTH(3);

    private final int code;

    AddPathMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean canSend() {
        return this != RECEIVE;
    }

    public boolean canReceive() {
        return this != SEND;
    }

    /** The mode for a wire value, or {@code null} for values RFC 7911 does not define. */
    public static AddPathMode fromCode(int code) {
        return switch (code) {
            case 1 -> RECEIVE;
            case 2 -> SEND;
            case 3 -> BOTH;
            default -> null;
        };
    }
}
