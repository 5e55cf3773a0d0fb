package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.attribute.AsPathSegment;
import dev.twinbgp.bgp.wire.attribute.Attribute;

import java.io.ByteArrayOutputStream;

/** Hand-built path attribute octets for the scan tests: written here, not by the codec under test. */
public final class RawAttributes {
    public static final int WELL_KNOWN = 0x40; // transitive
    public static final int OPTIONAL = 0x80; // optional non-transitive
    public static final int OPTIONAL_TRANSITIVE = 0xC0;

    private RawAttributes() {
    }

    /** One attribute with a one-octet length (RFC 4271 section 4.3). */
    public static byte[] attr(int flags, int type, byte... value) {
        byte[] a = new byte[3 + value.length];
        a[0] = (byte) flags;
        a[1] = (byte) type;
        a[2] = (byte) value.length;
        System.arraycopy(value, 0, a, 3, value.length);
        return a;
    }

    /** One attribute with the Extended Length bit and a two-octet length. */
    public static byte[] extendedAttr(int flags, int type, byte... value) {
        byte[] a = new byte[4 + value.length];
        a[0] = (byte) (flags | Attribute.FLAG_EXTENDED_LENGTH);
        a[1] = (byte) type;
        Bytes.put16(a, 2, value.length);
        System.arraycopy(value, 0, a, 4, value.length);
        return a;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] u32(long... values) {
        byte[] b = new byte[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            Bytes.put32(b, 4 * i, values[i]);
        }
        return b;
    }

    public static byte[] u16(int... values) {
        byte[] b = new byte[2 * values.length];
        for (int i = 0; i < values.length; i++) {
            Bytes.put16(b, 2 * i, values[i]);
        }
        return b;
    }

    public static byte[] origin(int v) {
        return attr(WELL_KNOWN, Attribute.ORIGIN, (byte) v);
    }

    /** AS_PATH of one AS_SEQUENCE with ASes of 4 ({@code asn4}) or 2 octets. */
    public static byte[] asPath(boolean asn4, long... asns) {
        byte[] seg = concat(new byte[] {AsPathSegment.AS_SEQUENCE, (byte) asns.length}, ases(asn4, asns));
        return attr(WELL_KNOWN, Attribute.AS_PATH, seg);
    }

    public static byte[] ases(boolean asn4, long... asns) {
        if (asn4) {
            return u32(asns);
        }
        int[] v = new int[asns.length];
        for (int i = 0; i < asns.length; i++) {
            v[i] = (int) asns[i];
        }
        return u16(v);
    }

    public static byte[] nextHop(String address) {
        return attr(WELL_KNOWN, Attribute.NEXT_HOP, u32(Bytes.parseIpv4(address) & 0xFFFFFFFFL));
    }

    /** An UPDATE body: no withdrawn routes, {@code attributes}, then {@code nlri} (already in wire form). */
    public static byte[] body(byte[] attributes, byte... nlri) {
        byte[] b = new byte[4 + attributes.length + nlri.length];
        Bytes.put16(b, 2, attributes.length);
        System.arraycopy(attributes, 0, b, 4, attributes.length);
        System.arraycopy(nlri, 0, b, 4 + attributes.length, nlri.length);
        return b;
    }

    /** 10.0.0.0/8 in NLRI wire form. */
    public static byte[] tenSlash8() {
        return new byte[] {8, 10};
    }
}
