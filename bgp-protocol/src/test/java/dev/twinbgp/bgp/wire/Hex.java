package dev.twinbgp.bgp.wire;

import java.util.HexFormat;

/** Test helper: hex strings (spaces, colons and underscores ignored) to bytes and back. */
public final class Hex {
    private Hex() {
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("[\\s:_]", ""));
    }

    public static String of(byte[] b) {
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    /** A whole message: marker, length, type, then the body hex. */
    public static byte[] message(int type, String bodyHex) {
        byte[] body = bytes(bodyHex);
        byte[] m = new byte[19 + body.length];
        for (int i = 0; i < 16; i++) {
            m[i] = (byte) 0xFF;
        }
        m[16] = (byte) (m.length >>> 8);
        m[17] = (byte) m.length;
        m[18] = (byte) type;
        System.arraycopy(body, 0, m, 19, body.length);
        return m;
    }
}
