package dev.twinbgp.bgp.wire.family;

import dev.twinbgp.bgp.wire.Bytes;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 prefix with its length and, under ADD-PATH (RFC 7911 section 3), an optional
 * path identifier. Bits past the prefix length are always zero. Immutable; created on demand from
 * an {@link Nlri} block (decoding never allocates one per prefix).
 */
public final class Prefix implements Comparable<Prefix>, RouteKey {
    /** {@link #pathId()} when the prefix carries no path identifier. */
    public static final long NO_PATH_ID = -1;

    private final boolean ipv6;
    private final byte[] address; // 4 or 16 octets, host bits zero
    private final int length;
    private final long pathId;
    /** SAFI 2 (RFC 4760 section 3): a multicast route is another route than the unicast one of the same prefix. */
    private final boolean multicast;

    private Prefix(boolean ipv6, byte[] address, int length, long pathId) {
        this(ipv6, address, length, pathId, false);
    }

    private Prefix(boolean ipv6, byte[] address, int length, long pathId, boolean multicast) {
        this.multicast = multicast;
        this.ipv6 = ipv6;
        this.address = address;
        this.length = length;
        this.pathId = pathId;
        mask(address, length);
    }

    /** Clears the bits past {@code length}: the partial octet's low bits, then whole octets. */
    private static void mask(byte[] a, int length) {
        int octet = length >>> 3;
        if (octet >= a.length) {
            return;
        }
        int kept = length & 7;
        if (kept != 0) {
            a[octet] &= (byte) (0xFF00 >>> kept); // the top `kept` bits of the octet
            octet++;
        }
        for (; octet < a.length; octet++) {
            a[octet] = 0;
        }
    }

    /** An IPv4 prefix; {@code address} is the 32-bit address (host bits are cleared). */
    public static Prefix ipv4(int address, int length) {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("IPv4 prefix length out of range: " + length);
        }
        byte[] a = new byte[4];
        Bytes.put32(a, 0, address);
        return new Prefix(false, a, length, NO_PATH_ID);
    }

    /** An IPv4 (4 octets) or IPv6 (16 octets) prefix. */
    public static Prefix of(byte[] address, int length) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address must be 4 or 16 octets, not " + address.length);
        }
        if (length < 0 || length > address.length * 8) {
            throw new IllegalArgumentException("prefix length out of range: " + length);
        }
        return new Prefix(address.length == 16, address.clone(), length, NO_PATH_ID);
    }

    /** Parses {@code 10.0.0.0/24} or {@code 2001:db8::/32}; IllegalArgumentException if malformed. */
    public static Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("no prefix length: " + text);
        }
        String addr = text.substring(0, slash);
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length: " + text, e);
        }
        if (addr.contains(":")) {
            return of(Bytes.parseIpv6(addr), length);
        }
        return ipv4(Bytes.parseIpv4(addr), length);
    }

    /** Builds a prefix from its NLRI encoding (RFC 4271 section 4.3): {@code octets} = ceil(length / 8) bytes at {@code off}. */
    static Prefix fromWire(boolean ipv6, byte[] b, int off, int length, long pathId) {
        return fromWire(ipv6, b, off, length, pathId, false);
    }

    /** As {@link #fromWire(boolean, byte[], int, int, long)}, of SAFI 2 (multicast) when {@code multicast}. */
    static Prefix fromWire(boolean ipv6, byte[] b, int off, int length, long pathId, boolean multicast) {
        byte[] a = new byte[ipv6 ? 16 : 4];
        System.arraycopy(b, off, a, 0, (length + 7) >>> 3);
        return new Prefix(ipv6, a, length, pathId, multicast);
    }

    /** The same prefix as a route of the multicast family (SAFI 2, RFC 4760 section 3) of its AFI. */
    public Prefix multicast() {
        return multicast ? this : new Prefix(ipv6, address.clone(), length, pathId, true);
    }

    /** True for a route of {@code ipv4 multicast} or {@code ipv6 multicast}. */
    public boolean isMulticast() {
        return multicast;
    }

    /** The same prefix with a path identifier (0..2^32-1), RFC 7911 section 3. */
    @Override
    public Prefix withPathId(long id) {
        if (id < 0 || id > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("path identifier out of range: " + id);
        }
        return new Prefix(ipv6, address.clone(), length, id, multicast);
    }

    @Override
    public Prefix withoutPathId() {
        return pathId == NO_PATH_ID ? this : new Prefix(ipv6, address.clone(), length, NO_PATH_ID, multicast);
    }

    /** IPv4 or IPv6, unicast or (for a {@link #multicast()} prefix) multicast. */
    @Override
    public Family family() {
        if (multicast) {
            return ipv6 ? Family.IPV6_MULTICAST : Family.IPV4_MULTICAST;
        }
        return ipv6 ? Family.IPV6_UNICAST : Family.IPV4_UNICAST;
    }

    public boolean isIpv6() {
        return ipv6;
    }

    /** {@link Family#AFI_IPV4} or {@link Family#AFI_IPV6}. */
    public int afi() {
        return ipv6 ? Family.AFI_IPV6 : Family.AFI_IPV4;
    }

    public int length() {
        return length;
    }

    public byte[] address() {
        return address.clone();
    }

    /** The IPv4 address as a 32-bit int (only for IPv4 prefixes). */
    public int ipv4Address() {
        if (ipv6) {
            throw new IllegalStateException("not an IPv4 prefix: " + this);
        }
        return Bytes.s32(address, 0);
    }

    public boolean hasPathId() {
        return pathId != NO_PATH_ID;
    }

    /** The path identifier, or {@link #NO_PATH_ID}. */
    public long pathId() {
        return pathId;
    }

    /** Octets this prefix takes in an NLRI field: path id (4, if {@code withPathId}), length (1), address bytes. */
    public int wireSize(boolean withPathId) {
        return (withPathId ? 4 : 0) + 1 + ((length + 7) >>> 3);
    }

    /** Writes the NLRI encoding at {@code pos}; returns the position after it. A missing path id is written as 0. */
    @Override
    public int writeTo(byte[] out, int pos, boolean withPathId) {
        if (withPathId) {
            Bytes.put32(out, pos, hasPathId() ? pathId : 0);
            pos += 4;
        }
        out[pos++] = (byte) length;
        int n = (length + 7) >>> 3;
        System.arraycopy(address, 0, out, pos, n);
        return pos + n;
    }

    /** The prefix alone, e.g. {@code 10.0.0.0/24}. */
    public String prefixString() {
        return (ipv6 ? Bytes.ipv6(address, 0) : Bytes.ipv4(Bytes.s32(address, 0))) + "/" + length;
    }

    /** {@code 10.0.0.0/24}, followed by {@code  path-id N} when there is one. */
    @Override
    public String toString() {
        return hasPathId() ? prefixString() + " path-id " + pathId : prefixString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prefix p && p.ipv6 == ipv6 && p.length == length && p.pathId == pathId
                && p.multicast == multicast                && Arrays.equals(p.address, address);
    }

    /**
     * Hashes the address a 32-bit word at a time. {@code Arrays.hashCode(byte[])} gave 1,000,000
     * consecutive IPv4 /24s only about 21,600 distinct values (each octet weighs 31^k, so
     * neighbouring octets cancel out), and a HashMap of a full table degenerated into tree bins;
     * here a whole IPv4 address goes in unchanged, then is mixed, so distinct IPv4 prefixes of one
     * length never collide.
     */
    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < address.length; i += 4) {
            h = h * 31 + Bytes.s32(address, i);
        }
        h = (h * 31 + length) * 31 + Long.hashCode(pathId);
        h = multicast ? ~h : h;
        // MurmurHash3's 32-bit finaliser (a bijection): a /24's low octet is always zero, and
        // HashMap indexes by the low bits, so without mixing a full table used 1 bucket in 32.
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ h >>> 16;
    }

    /** IPv4 before IPv6, unicast before multicast, then by address, length, path id. */
    @Override
    public int compareTo(Prefix o) {
        if (ipv6 != o.ipv6) {
            return ipv6 ? 1 : -1;
        }
        if (multicast != o.multicast) {
            return multicast ? 1 : -1;
        }
        int c = Arrays.compareUnsigned(address, o.address);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(length, o.length);
        return c != 0 ? c : Long.compare(pathId, o.pathId);
    }
}
