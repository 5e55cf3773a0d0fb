package dev.twinbgp.bgp.wire.family.vpn;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;
import dev.twinbgp.bgp.wire.family.LabelStack;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;

import java.util.List;

/**
 * The family codec of labeled unicast (SAFI 4, RFC 8277, ExaBGP's {@code nlri-mpls}) and MPLS VPNs (SAFI 128,
 * RFC 4364 and RFC 4659, {@code mpls-vpn}), IPv4 and IPv6: see {@link LabeledRoute} for the encoding. The
 * label stack is read as ExaBGP reads it (up to the bottom-of-stack bit, or a withdrawal's 0x800000, or
 * 0x000000); a route is identified by its RD and prefix without the labels, since a withdrawal may carry
 * any label (RFC 8277 section 2.4). Stateless, never throws.
 */
public final class LabeledCodec implements FamilyCodec {
    static final List<Family> FAMILIES = List.of(Family.IPV4_MPLS_LABEL, Family.IPV6_MPLS_LABEL,
            Family.IPV4_MPLS_VPN, Family.IPV6_MPLS_VPN);

    @Override
    public List<Family> families() {
        return FAMILIES;
    }

    @Override
    public int routeLength(Family family, byte[] b, int p, int end) {
        int length = 1 + (((b[p] & 0xFF) + 7) >>> 3);
        return p + length > end ? -1 : length;
    }

    /** A route read from its octets, or why it could not be. */
    public record Parsed(LabeledRoute route, String error, int labelOctets) {
    }

    /** Reads the {@code len} octets at {@code off} (one route, path id excluded); never throws. */
    public static Parsed parse(Family family, byte[] b, int off, int len) {
        boolean vpn = family.safi() == Family.SAFI_MPLS_VPN;
        int rdBits = vpn ? 64 : 0;
        int bits = b[off] & 0xFF;
        if (len != 1 + ((bits + 7) >>> 3)) {
            return new Parsed(null, "NLRI length " + bits + " bits does not match its " + (len - 1) + " octets", 0);
        }
        int labelOctets = bits < rdBits ? 0 : LabelStack.octets(b, off + 1, (bits - rdBits) / 8);
        if (labelOctets == 0) {
            // RFC 8277 section 2 / RFC 4364 section 4.3.4: a labeled route carries at least one label (and a VPN
            // route its 8-octet RD): 24 (88) bits at least
            return new Parsed(null, "no room for a label" + (vpn ? " and a route distinguisher" : "") + " in a " + bits
                    + "-bit " + family + " NLRI (" + (24 + rdBits) + " bits at least)", 0);
        }
        int prefixBits = bits - labelOctets * 8 - rdBits; // >= 0: the stack was read within bits - rdBits
        int max = family.afi() == Family.AFI_IPV6 ? 128 : 32;
        if (prefixBits > max) {
            return new Parsed(null, "prefix length " + prefixBits + " is longer than " + max, labelOctets);
        }
        int p = off + 1 + labelOctets;
        RouteDistinguisher rd = null;
        if (vpn) {
            rd = RouteDistinguisher.of(b, p);
            p += RouteDistinguisher.LENGTH;
        }
        byte[] address = new byte[max / 8];
        System.arraycopy(b, p, address, 0, (prefixBits + 7) >>> 3);
        LabeledRoute route = new LabeledRoute(family, LabelStack.read(b, off + 1, labelOctets), rd,
                Prefix.of(address, prefixBits));
        return new Parsed(route, null, labelOctets);
    }

    @Override
    public String malformed(Family family, byte[] b, int off, int len) {
        return parse(family, b, off, len).error();
    }

    /** The length octet (without the labels' bits), the RD and the prefix: labels do not identify a route. */
    @Override
    public byte[] key(Family family, byte[] nlri) {
        Parsed parsed = parse(family, nlri, 0, nlri.length);
        if (parsed.error() != null) {
            return nlri;
        }
        int skip = parsed.labelOctets();
        byte[] key = new byte[nlri.length - skip];
        key[0] = (byte) ((nlri[0] & 0xFF) - skip * 8);
        System.arraycopy(nlri, 1 + skip, key, 1, key.length - 1);
        return key;
    }

    /** ExaBGP's JSON: {@code "nlri"}, {@code "label": [[label, entry]]}, {@code "rd"} (VPN). */
    @Override
    public void describe(Family family, byte[] nlri, Fields out) {
        Parsed parsed = parse(family, nlri, 0, nlri.length);
        if (parsed.error() != null) {
            out.string("raw", "0x" + Bytes.hex(nlri));
            return;
        }
        LabeledRoute r = parsed.route();
        out.string("nlri", r.prefix().prefixString());
        out.numbers("label", r.labels().json());
        if (r.rd() != null) {
            out.string("rd", r.rd().toString());
        }
    }

    /** ExaBGP shows a withdrawn labeled route by its prefix alone (no labels, no RD). */
    @Override
    public void describeWithdrawn(Family family, byte[] nlri, Fields out) {
        Parsed parsed = parse(family, nlri, 0, nlri.length);
        if (parsed.error() != null) {
            out.string("raw", "0x" + Bytes.hex(nlri));
            return;
        }
        out.string("nlri", parsed.route().prefix().prefixString());
    }

    @Override
    public String text(Family family, byte[] nlri) {
        Parsed parsed = parse(family, nlri, 0, nlri.length);
        return parsed.error() == null ? parsed.route().toString() : family + " 0x" + Bytes.hex(nlri);
    }
}
