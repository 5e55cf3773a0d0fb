package dev.twinbgp.bgp.wire.family.evpn;

import dev.twinbgp.bgp.wire.family.FamilyCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * MPLS label fields of EVPN routes (RFC 7432 section 7, RFC 3032 section 2.1), 3 octets each:
 * <pre>
 * | label (20 bits) | TC (3) | S (1) |
 * </pre>
 * Encoded as ExaBGP does: the label shifted by 4 with the bottom-of-stack bit on the last one. For a VXLAN
 * route the whole 24 bits are a VNI (RFC 8365 section 5.1.3); the raw value in the JSON shows it.
 */
final class MplsLabel {
    static final int MAX = 0xFFFFF;

    private MplsLabel() {
    }

    /** Writes {@code labels} at {@code pos}, bottom of stack on the last; returns the position after them. */
    static int write(byte[] out, int pos, long[] labels) {
        for (int i = 0; i < labels.length; i++) {
            long raw = labels[i] << 4 | (i == labels.length - 1 ? 1 : 0);
            out[pos++] = (byte) (raw >>> 16);
            out[pos++] = (byte) (raw >>> 8);
            out[pos++] = (byte) raw;
        }
        return pos;
    }

    /**
     * ExaBGP's JSON of the labels from {@code off} to {@code end}: each {@code [label]}, or {@code [label, raw]}
     * when the raw 24 bits are not zero; it stops after the one with the bottom-of-stack bit.
     */
    static void json(byte[] b, int off, int end, FamilyCodec.Fields out) {
        List<long[]> labels = new ArrayList<>();
        for (int p = off; p + 3 <= end; p += 3) {
            long raw = (b[p] & 0xFFL) << 16 | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL);
            labels.add(raw == 0 ? new long[] {raw >>> 4} : new long[] {raw >>> 4, raw});
            if ((raw & 1) != 0) {
                break;
            }
        }
        if (!labels.isEmpty()) {
            out.numbers("label", labels);
        }
    }

    /** ExaBGP's text: {@code label N} or {@code label [ N M ]} (the raw value in parentheses when not zero). */
    static String text(byte[] b, int off, int end) {
        List<String> labels = new ArrayList<>();
        for (int p = off; p + 3 <= end; p += 3) {
            long raw = (b[p] & 0xFFL) << 16 | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL);
            labels.add((raw >>> 4) + (raw == 0 ? "" : " (" + raw + ")"));
            if ((raw & 1) != 0) {
                break;
            }
        }
        return labels.size() == 1 ? "label " + labels.get(0) : "label [ " + String.join(" ", labels) + " ]";
    }
}
