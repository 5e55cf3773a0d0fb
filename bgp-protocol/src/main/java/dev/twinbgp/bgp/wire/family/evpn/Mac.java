package dev.twinbgp.bgp.wire.family.evpn;

import java.util.HexFormat;

/** A 48-bit MAC address (IEEE 802), shown as ExaBGP does: upper-case hex octets joined by colons. */
public final class Mac {
    public static final int LENGTH = 6;
    static final String EXPECTED = "a MAC address (six hex octets, 00:11:22:aa:bb:cc)";

    private Mac() {
    }

    public static String text(byte[] b, int off) {
        StringBuilder s = new StringBuilder(17);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0) {
                s.append(':');
            }
            s.append(HexFormat.of().withUpperCase().toHexDigits(b[off + i]));
        }
        return s.toString();
    }

    /** Parses six hex octets joined by {@code :} or {@code -}; throws IllegalArgumentException. */
    public static byte[] parse(String text) {
        String[] parts = text.split("[:-]", -1);
        if (parts.length != LENGTH) {
            throw new IllegalArgumentException(EXPECTED);
        }
        byte[] out = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException(EXPECTED);
            }
            out[i] = (byte) Integer.parseInt(p, 16);
        }
        return out;
    }
}
