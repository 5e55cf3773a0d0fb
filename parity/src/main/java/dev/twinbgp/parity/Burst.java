package dev.twinbgp.parity;

import java.io.ByteArrayOutputStream;

/**
 * {@code send burst N}: N distinct /24 prefixes (16.0.0.0/24, 16.0.1.0/24, ...) in as few UPDATEs of at most
 * 4096 octets as fit, all with ORIGIN IGP, AS_PATH [65001] (4-octet), NEXT_HOP 10.0.0.2.
 * <pre>
 * UPDATE body (RFC 4271 section 4.3):
 * +-----------------------------+-------------------------+---------------------------+--------------+
 * | Withdrawn Routes Length (2) | Total Path Attr Len (2) | Path Attributes (20)      | NLRI (4 * k) |
 * +-----------------------------+-------------------------+---------------------------+--------------+
 * </pre>
 */
final class Burst {
    private static final byte[] ATTRIBUTES = java.util.HexFormat.of().parseHex("4001010040020602010000fde94003040a000002");
    private static final int PER_UPDATE = (4096 - WireText.HEADER - 4 - ATTRIBUTES.length) / 4;

    private Burst() {
    }

    static byte[] updates(int prefixes) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int first = 0; first < prefixes; first += PER_UPDATE) {
            int n = Math.min(PER_UPDATE, prefixes - first);
            ByteArrayOutputStream body = new ByteArrayOutputStream(4 + ATTRIBUTES.length + 4 * n);
            body.writeBytes(new byte[] {0, 0, 0, (byte) ATTRIBUTES.length});
            body.writeBytes(ATTRIBUTES);
            for (int i = first; i < first + n; i++) {
                body.writeBytes(new byte[] {24, (byte) (16 + (i >>> 16)), (byte) (i >>> 8), (byte) i});
            }
            all.writeBytes(WireText.message(2, body.toByteArray()));
        }
        return all.toByteArray();
    }
}
