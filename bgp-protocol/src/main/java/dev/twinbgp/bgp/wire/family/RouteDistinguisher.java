package dev.twinbgp.bgp.wire.family;

import dev.twinbgp.bgp.wire.Bytes;

import java.util.Arrays;

/**
 * A Route Distinguisher (RFC 4364 section 4.2), 8 octets:
 * <pre>
 * | Type (2) | type 0: AS (2) : number (4) | type 1: IPv4 (4) : number (2) | type 2: AS (4) : number (2) |
 * </pre>
 * Shown as ExaBGP does, {@code ADMIN:NUMBER}; a type it does not know as {@code 0x} and the 8 octets in hex.
 * Shared by every family with an RD (L3VPN, FlowSpec VPN, EVPN, VPLS, MVPN, ...).
 */
public final class RouteDistinguisher {
    /** Octets on the wire. */
    public static final int LENGTH = 8;
    /** The RD of a VPN next hop (RFC 4364 section 4.3.2, RFC 4659 section 3.2.1.1): all zero. */
    public static final RouteDistinguisher ZERO = new RouteDistinguisher(new byte[LENGTH]);

    private final byte[] octets;

    private RouteDistinguisher(byte[] octets) {
        this.octets = octets;
    }

    public static RouteDistinguisher of(byte[] b, int off) {
        return new RouteDistinguisher(Bytes.slice(b, off, 8));
    }

    /**
     * Parses {@code ASN:NUMBER} (type 0 when the AS fits 2 octets, else type 2) or {@code IPV4:NUMBER} (type 1).
     * Throws IllegalArgumentException with what was expected.
     */
    public static RouteDistinguisher parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("a route distinguisher (ASN:NUMBER or IPV4:NUMBER)");
        }
        String admin = text.substring(0, colon);
        long number = parseNumber(text.substring(colon + 1));
        byte[] o = new byte[8];
        if (admin.contains(".")) {
            if (number > 0xFFFF) {
                throw new IllegalArgumentException("a route distinguisher number of at most 65535 after an IPv4 address");
            }
            o[1] = 1;
            Bytes.put32(o, 2, Bytes.parseIpv4(admin) & 0xFFFFFFFFL);
            Bytes.put16(o, 6, (int) number);
        } else {
            long asn = parseNumber(admin);
            if (asn > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("a route distinguisher AS of at most 4294967295");
            }
            if (asn <= 0xFFFF) {
                if (number > 0xFFFFFFFFL) {
                    throw new IllegalArgumentException("a route distinguisher number of at most 4294967295");
                }
                Bytes.put16(o, 2, (int) asn);
                Bytes.put32(o, 4, number);
            } else {
                if (number > 0xFFFF) {
                    throw new IllegalArgumentException("a route distinguisher number of at most 65535 after a 4-octet AS");
                }
                o[1] = 2;
                Bytes.put32(o, 2, asn);
                Bytes.put16(o, 6, (int) number);
            }
        }
        return new RouteDistinguisher(o);
    }

    private static long parseNumber(String s) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("a route distinguisher (ASN:NUMBER or IPV4:NUMBER)");
        }
        return Long.parseLong(s);
    }

    /** The RD type (RFC 4364 section 4.2): 0, 1, 2, or another value as received. */
    public int type() {
        return Bytes.u16(octets, 0);
    }

    public byte[] octets() {
        return octets.clone();
    }

    public int writeTo(byte[] out, int pos) {
        System.arraycopy(octets, 0, out, pos, 8);
        return pos + 8;
    }

    @Override
    public String toString() {
        int type = Bytes.u16(octets, 0);
        return switch (type) {
            case 0 -> Bytes.u16(octets, 2) + ":" + Bytes.u32(octets, 4);
            case 1 -> Bytes.ipv4(Bytes.s32(octets, 2)) + ":" + Bytes.u16(octets, 6);
            case 2 -> Bytes.u32(octets, 2) + ":" + Bytes.u16(octets, 6);
            default -> "0x" + Bytes.hex(octets);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteDistinguisher r && Arrays.equals(r.octets, octets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }
}
