package dev.twinbgp.bgp.wire.family.evpn;

import java.util.HexFormat;

/**
 * The Ethernet Segment Identifier (RFC 7432 section 5), 10 octets: a type octet (0 arbitrary, 1 LACP, 2 MSTP,
 * 3 MAC-based, 4 router id, 5 AS-based) and 9 octets of value. All zero means a single-homed site. Shown as
 * ExaBGP does: {@code -} for all zero, else the ten octets in lower-case hex joined by colons.
 */
public final class Esi {
    public static final int LENGTH = 10;

    private Esi() {
    }

    /** ExaBGP's text of the ESI at {@code off}. */
    public static String text(byte[] b, int off) {
        boolean zero = true;
        for (int i = 0; i < LENGTH; i++) {
            zero &= b[off + i] == 0;
        }
        if (zero) {
            return "-";
        }
        StringBuilder s = new StringBuilder(29);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0) {
                s.append(':');
            }
            s.append(HexFormat.of().toHexDigits(b[off + i]));
        }
        return s.toString();
    }

    /**
     * Parses {@code -} or {@code 0} (all zero, single-homed) or ten hex octets joined by colons
     * ({@code 00:11:22:33:44:55:66:77:88:99}, the first being the ESI type). Throws IllegalArgumentException
     * with what was expected.
     */
    public static byte[] parse(String text) {
        if (text.equals("-") || text.equals("0")) {
            return new byte[LENGTH];
        }
        String[] parts = text.split(":", -1);
        if (parts.length != LENGTH) {
            throw new IllegalArgumentException(EXPECTED);
        }
        byte[] out = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = (byte) hexOctet(parts[i]);
        }
        return out;
    }

    static final String EXPECTED = "an ESI (- or ten hex octets, 00:11:22:33:44:55:66:77:88:99)";

    static int hexOctet(String s) {
        if (s.isEmpty() || s.length() > 2 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException(EXPECTED);
        }
        return Integer.parseInt(s, 16);
    }
}
