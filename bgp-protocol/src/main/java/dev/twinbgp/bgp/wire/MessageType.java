package dev.twinbgp.bgp.wire;

/** Message type codes, RFC 4271 section 4.1, RFC 2918 section 3 and 6 (OPERATIONAL, draft-ietf-idr-operational-message). */
public enum MessageType {
    OPEN(1), UPDATE(2), NOTIFICATION(3), KEEPALIVE(4), ROUTE_REFRESH(5), OPERATIONAL(6);

    private static final MessageType[] BY_CODE = {null, OPEN, UPDATE, NOTIFICATION, KEEPALIVE, ROUTE_REFRESH, OPERATIONAL};
    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a wire code, or {@code null} when the code is not one we know (header error 1/3). */
    public static MessageType fromCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
