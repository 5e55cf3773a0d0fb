package dev.twinbgp.bgp.wire;

import java.util.Arrays;

/**
 * A malformed input, as a value: the NOTIFICATION the RFC prescribes for it and a human reason.
 * Decoders return these; they never throw for bad input.
 */
public record WireError(int code, int subcode, byte[] data, String reason) {
    public WireError {
        data = data == null ? new byte[0] : data.clone();
    }

    public WireError(int code, int subcode, String reason) {
        this(code, subcode, new byte[0], reason);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public Notification toNotification() {
        return new Notification(code, subcode, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WireError e && e.code == code && e.subcode == subcode
                && Arrays.equals(e.data, data) && e.reason.equals(reason);
    }

    @Override
    public int hashCode() {
        return (code * 31 + subcode) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return ErrorCodes.name(code, subcode) + " (" + code + "/" + subcode + "): " + reason
                + (data.length == 0 ? "" : " [data " + java.util.HexFormat.of().formatHex(data) + "]");
    }
}
