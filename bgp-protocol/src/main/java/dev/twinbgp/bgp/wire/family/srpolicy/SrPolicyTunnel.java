package dev.twinbgp.bgp.wire.family.srpolicy;

import dev.twinbgp.bgp.wire.Bytes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the Tunnel Encapsulation attribute (type 23, RFC 9012) of an SR Policy: one tunnel TLV of type 15
 * (SR Policy, RFC 9830 section 2.4) whose sub-TLVs are kept in the order they are added (ExaBGP writes them in
 * the order of the configuration).
 * <pre>
 * Tunnel TLV:  | Tunnel Type = 15 (2) | Length (2) | sub-TLVs ...
 * sub-TLV:     | Type (1) | Length (1 for types below 128, else 2) | Value ...
 * </pre>
 */
public final class SrPolicyTunnel {
    /** Path attribute type code of the Tunnel Encapsulation attribute (RFC 9012 section 2). */
    public static final int ATTRIBUTE = 23;
    /** Optional, transitive (RFC 9012 section 2). */
    public static final int FLAGS = 0xC0;
    static final int SR_POLICY = 15;

    private final List<byte[]> subTlvs = new ArrayList<>();

    private void add(int type, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        if (type >= 128) {
            out.write(value.length >>> 8);
        } else if (value.length > 255) {
            throw new IllegalArgumentException("sub-TLV " + type + " longer than 255 octets");
        }
        out.write(value.length);
        out.writeBytes(value);
        subTlvs.add(out.toByteArray());
    }

    public boolean isEmpty() {
        return subTlvs.isEmpty();
    }

    /** Preference (12, RFC 9830 section 2.4.1): flags, reserved, 4-octet preference. */
    public SrPolicyTunnel preference(long preference) {
        byte[] v = new byte[6];
        Bytes.put32(v, 2, preference);
        add(12, v);
        return this;
    }

    /**
     * Binding SID (13, RFC 9830 section 2.4.2): flags, reserved and an MPLS label, or no BSID ({@code null}). The
     * label entry's TC, S and TTL bits and the unassigned flags are zero, as the RFC says.
     */
    public SrPolicyTunnel bindingSid(Long label) {
        if (label == null) {
            add(13, new byte[2]);
            return this;
        }
        if (label < 0 || label > 0xFFFFF) {
            throw new IllegalArgumentException("MPLS label out of range (0-1048575): " + label);
        }
        byte[] v = new byte[6];
        Bytes.put32(v, 2, label << 12);
        add(13, v);
        return this;
    }

    /** ENLP (14, RFC 9830 section 2.4.5): flags, reserved, the policy (1 to 4). */
    public SrPolicyTunnel enlp(int enlp) {
        add(14, new byte[] {0, 0, (byte) enlp});
        return this;
    }

    /** Priority (15, RFC 9830 section 2.4.6): priority, reserved. */
    public SrPolicyTunnel priority(int priority) {
        add(15, new byte[] {(byte) priority, 0});
        return this;
    }

    /** SRv6 Binding SID (20, RFC 9830 section 2.4.3): flags, reserved, the SID. */
    public SrPolicyTunnel srv6BindingSid(byte[] sid) {
        byte[] v = new byte[18];
        System.arraycopy(sid, 0, v, 2, 16);
        add(20, v);
        return this;
    }

    /** Candidate path name (129, RFC 9830 section 2.4.7): reserved, the name. */
    public SrPolicyTunnel candidatePathName(String name) {
        add(129, named(name));
        return this;
    }

    /** Policy name (130, RFC 9830 section 2.4.8): reserved, the name. */
    public SrPolicyTunnel policyName(String name) {
        add(130, named(name));
        return this;
    }

    private static byte[] named(String name) {
        byte[] text = name.getBytes(StandardCharsets.UTF_8);
        byte[] v = new byte[1 + text.length];
        System.arraycopy(text, 0, v, 1, text.length);
        return v;
    }

    /**
     * Segment list (128, RFC 9830 section 2.4.4): reserved, the weight sub-TLV (9: flags, reserved, 4-octet
     * weight), then the segments; the last MPLS segment has the bottom-of-stack bit.
     */
    public SrPolicyTunnel segmentList(long weight, List<Segment> segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        byte[] w = new byte[8];
        w[0] = 9;
        w[1] = 6;
        Bytes.put32(w, 4, weight);
        out.writeBytes(w);
        int lastMpls = -1;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).mplsAt() >= 0) {
                lastMpls = i;
            }
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            byte[] v = s.value();
            if (i == lastMpls) {
                v[s.mplsAt() + 2] |= 0x01; // S bit: bit 8 of the label stack entry (RFC 3032 section 2.1)
            }
            if (v.length > 255) {
                throw new IllegalArgumentException("segment longer than 255 octets");
            }
            out.write(s.type());
            out.write(v.length);
            out.writeBytes(v);
        }
        add(128, out.toByteArray());
        return this;
    }

    /** The attribute's value: the SR Policy tunnel TLV with the sub-TLVs added so far. */
    public byte[] encode() {
        int len = 0;
        for (byte[] s : subTlvs) {
            len += s.length;
        }
        if (len > 0xFFFF) {
            throw new IllegalArgumentException("SR Policy tunnel TLV longer than 65535 octets");
        }
        byte[] v = new byte[4 + len];
        Bytes.put16(v, 0, SR_POLICY);
        Bytes.put16(v, 2, len);
        int p = 4;
        for (byte[] s : subTlvs) {
            System.arraycopy(s, 0, v, p, s.length);
            p += s.length;
        }
        return v;
    }
}
