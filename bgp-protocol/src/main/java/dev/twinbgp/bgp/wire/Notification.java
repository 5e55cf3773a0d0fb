package dev.twinbgp.bgp.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * NOTIFICATION (RFC 4271 section 4.5).
 * <pre>
 *  0                   1                   2                   3
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Error code    | Error subcode |   Data (variable)             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Codes and names live in {@link ErrorCodes}.
 */
public record Notification(int code, int subcode, byte[] data) implements BgpMessage {
    public Notification {
        data = data == null ? new byte[0] : data.clone();
    }

    public Notification(int code, int subcode) {
        this(code, subcode, new byte[0]);
    }

    /**
     * A Cease with a Shutdown Communication (RFC 9003 section 2): subcode 2 (Administrative Shutdown)
     * or 4 (Administrative Reset), data = length (1) then up to 255 octets of UTF-8. Longer messages
     * are cut at a character boundary.
     */
    public static Notification shutdown(int subcode, String message) {
        if (subcode != ErrorCodes.CEASE_ADMIN_SHUTDOWN && subcode != ErrorCodes.CEASE_ADMIN_RESET) {
            throw new IllegalArgumentException("shutdown communication needs Cease subcode 2 or 4, not " + subcode);
        }
        byte[] utf8 = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int n = Math.min(utf8.length, 255);
        while (n > 0 && n < utf8.length && (utf8[n] & 0xC0) == 0x80) {
            n--; // do not cut a multi-octet character
        }
        byte[] data = new byte[1 + n];
        data[0] = (byte) n;
        System.arraycopy(utf8, 0, data, 1, n);
        return new Notification(ErrorCodes.CEASE, subcode, data);
    }

    /**
     * The Shutdown Communication (RFC 9003 section 2) of a Cease 6/2 or 6/4: empty if there is none,
     * its length octet disagrees with the data, or it is not valid UTF-8 (section 4: log, do not fail).
     */
    public java.util.Optional<String> shutdownCommunication() {
        if (code != ErrorCodes.CEASE || (subcode != ErrorCodes.CEASE_ADMIN_SHUTDOWN && subcode != ErrorCodes.CEASE_ADMIN_RESET)
                || data.length == 0 || (data[0] & 0xFF) != data.length - 1 || data.length == 1) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(OpenCodec.utf8(data, 1, data.length - 1));
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    @Override
    public MessageType type() {
        return MessageType.NOTIFICATION;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Notification n && n.code == code && n.subcode == subcode && Arrays.equals(n.data, data);
    }

    @Override
    public int hashCode() {
        return (code * 31 + subcode) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Notification[" + code + "/" + subcode + " " + ErrorCodes.name(code, subcode)
                + (data.length == 0 ? "" : " data=" + HexFormat.of().formatHex(data)) + "]";
    }
}
