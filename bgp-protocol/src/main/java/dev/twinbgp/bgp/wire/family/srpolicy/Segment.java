package dev.twinbgp.bgp.wire.family.srpolicy;

import dev.twinbgp.bgp.wire.Bytes;

import java.io.ByteArrayOutputStream;

/**
 * One segment of an SR Policy segment list (RFC 9830 section 2.4.4.2, types A and B; RFC 9831 section 2, types
 * C to K): its sub-TLV type and value. {@code mplsAt} is the offset of an MPLS label stack entry whose
 * bottom-of-stack bit the segment list sets on its last MPLS segment (types A, and C with a SID, as ExaBGP),
 * or -1.
 */
public record Segment(int type, byte[] value, int mplsAt) {
    /** RFC 9830 section 2.4.4.2.1 flags: A (algorithm valid) and B (SRv6 endpoint behavior and structure present). */
    static final int FLAG_A = 0x40;
    static final int FLAG_B = 0x10;

    public Segment {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** SRv6 Endpoint Behavior and SID Structure (RFC 9830 section 2.4.4.2.4): behavior, reserved, four lengths. */
    public record Behavior(int behavior, int lb, int ln, int fun, int arg) {
        void write(ByteArrayOutputStream out) {
            out.write(behavior >>> 8);
            out.write(behavior);
            out.write(0);
            out.write(0);
            out.write(lb);
            out.write(ln);
            out.write(fun);
            out.write(arg);
        }
    }

    private static void u32(ByteArrayOutputStream out, long v) {
        byte[] b = new byte[4];
        Bytes.put32(b, 0, v);
        out.writeBytes(b);
    }

    /** An MPLS label stack entry with label only (TC, S, TTL zero: S is set by the segment list). */
    private static void label(ByteArrayOutputStream out, long label) {
        if (label < 0 || label > 0xFFFFF) {
            throw new IllegalArgumentException("MPLS label out of range (0-1048575): " + label);
        }
        u32(out, label << 12);
    }

    private static void address(ByteArrayOutputStream out, byte[] a, int length) {
        if (a.length != length) {
            throw new IllegalArgumentException("expected an " + (length == 4 ? "IPv4" : "IPv6") + " address");
        }
        out.writeBytes(a);
    }

    private static Segment of(int type, ByteArrayOutputStream out, int mplsAt) {
        return new Segment(type, out.toByteArray(), mplsAt);
    }

    /** Type A (1): an SR-MPLS label. */
    public static Segment typeA(long label) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        label(out, label);
        return of(1, out, 2);
    }

    /** Type B (13): an SRv6 SID, with its endpoint behavior (B-Flag) or not. */
    public static Segment typeB(byte[] sid, Behavior behavior) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(behavior != null ? FLAG_B : 0);
        out.write(0);
        address(out, sid, 16);
        if (behavior != null) {
            behavior.write(out);
        }
        return of(13, out, -1);
    }

    /** Type C (3): IPv4 node and SR algorithm, optional SR-MPLS SID. */
    public static Segment typeC(byte[] node, int algorithm, Long sid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(algorithm != 0 ? FLAG_A : 0);
        out.write(algorithm);
        address(out, node, 4);
        if (sid != null) {
            label(out, sid);
        }
        return of(3, out, sid != null ? 6 : -1);
    }

    /** Type D (4): IPv6 node and SR algorithm, optional SR-MPLS SID. */
    public static Segment typeD(byte[] node, int algorithm, Long sid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(algorithm != 0 ? FLAG_A : 0);
        out.write(algorithm);
        address(out, node, 16);
        if (sid != null) {
            label(out, sid);
        }
        return of(4, out, -1);
    }

    /** Type E (5): IPv4 node with a local interface id, optional SR-MPLS SID. */
    public static Segment typeE(long localInterface, byte[] node, Long sid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        u32(out, localInterface);
        address(out, node, 4);
        if (sid != null) {
            label(out, sid);
        }
        return of(5, out, -1);
    }

    /** Type F (6): IPv4 local and remote addresses of an adjacency, optional SR-MPLS SID. */
    public static Segment typeF(byte[] local, byte[] remote, Long sid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        address(out, local, 4);
        address(out, remote, 4);
        if (sid != null) {
            label(out, sid);
        }
        return of(6, out, -1);
    }

    /** Type G (7): IPv6 link-local adjacency with interface ids, optional SR-MPLS SID. */
    public static Segment typeG(long localInterface, byte[] local, long remoteInterface, byte[] remote, Long sid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        u32(out, localInterface);
        address(out, local, 16);
        u32(out, remoteInterface);
        address(out, remote, 16);
        if (sid != null) {
            label(out, sid);
        }
        return of(7, out, -1);
    }

    /** Type H (8): IPv6 local and remote addresses of an adjacency, optional SR-MPLS SID. */
    public static Segment typeH(byte[] local, byte[] remote, Long sid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        address(out, local, 16);
        address(out, remote, 16);
        if (sid != null) {
            label(out, sid);
        }
        return of(8, out, -1);
    }

    private static void srv6(ByteArrayOutputStream out, byte[] sid, Behavior behavior) {
        if (sid != null) {
            address(out, sid, 16);
            if (behavior != null) {
                behavior.write(out);
            }
        }
    }

    private static int srv6Flags(int algorithm, byte[] sid, Behavior behavior) {
        return (algorithm != 0 ? FLAG_A : 0) | (sid != null && behavior != null ? FLAG_B : 0);
    }

    /** Type I (14): IPv6 node and SR algorithm, optional SRv6 SID and endpoint behavior. */
    public static Segment typeI(byte[] node, int algorithm, byte[] sid, Behavior behavior) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(srv6Flags(algorithm, sid, behavior));
        out.write(algorithm);
        address(out, node, 16);
        srv6(out, sid, behavior);
        return of(14, out, -1);
    }

    /** Type J (15): IPv6 link-local adjacency with interface ids and SR algorithm, optional SRv6 SID and behavior. */
    public static Segment typeJ(long localInterface, byte[] local, long remoteInterface, byte[] remote, int algorithm,
            byte[] sid, Behavior behavior) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(srv6Flags(algorithm, sid, behavior));
        out.write(algorithm);
        u32(out, localInterface);
        address(out, local, 16);
        u32(out, remoteInterface);
        address(out, remote, 16);
        srv6(out, sid, behavior);
        return of(15, out, -1);
    }

    /** Type K (16): IPv6 adjacency and SR algorithm, optional SRv6 SID and endpoint behavior. */
    public static Segment typeK(byte[] local, byte[] remote, int algorithm, byte[] sid, Behavior behavior) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(srv6Flags(algorithm, sid, behavior));
        out.write(algorithm);
        address(out, local, 16);
        address(out, remote, 16);
        srv6(out, sid, behavior);
        return of(16, out, -1);
    }
}
