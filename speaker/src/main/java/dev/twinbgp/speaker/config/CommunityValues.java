package dev.twinbgp.speaker.config;

import java.nio.ByteBuffer;
import java.util.Locale;

/** Parsing of one community, large community or extended community word, in ExaBGP's spellings. */
final class CommunityValues {
    static final String COMMUNITY = "a community (0-65535:0-65535, a 32-bit number, or no-export, no-advertise, "
            + "no-export-subconfed, nopeer, blackhole, graceful-shutdown, accept-own, llgr-stale, no-llgr)";
    static final String LARGE_COMMUNITY = "a large community (0-4294967295:0-4294967295:0-4294967295)";
    static final String EXTENDED_COMMUNITY = "an extended community ([target:|origin:|target4:|origin4:]ASN[L]:NUMBER, "
            + "[target:|origin:]IPV4:NUMBER, redirect:ASN:NUMBER, bandwidth:ASN:BYTES-PER-SECOND, "
            + "redirect-to-nexthop, copy-to-nexthop, rate-limit:BYTES[:packets], l2info:ENCAPS:FLAGS:MTU:PREFERENCE, mup:ASN:NUMBER, "
            + "or 0x and 16 hex digits)";

    private CommunityValues() {
    }

    /** RFC 1997 section 3 and the well-known values registered since (names as ExaBGP knows them). */
    static Community community(Token token) throws ConfigException {
        String text = token.text();
        Community named = switch (text.toLowerCase(Locale.ROOT)) {
            case "no-export", "no_export" -> Community.NO_EXPORT;
            case "no-advertise", "no_advertise" -> Community.NO_ADVERTISE;
            case "no-export-subconfed" -> Community.NO_EXPORT_SUBCONFED;
            case "nopeer", "no-peer" -> Community.NO_PEER;
            case "blackhole" -> Community.BLACKHOLE;
            case "graceful-shutdown" -> Community.GRACEFUL_SHUTDOWN;
            case "accept-own" -> Community.ACCEPT_OWN;
            case "llgr-stale" -> Community.LLGR_STALE;
            case "no-llgr" -> Community.NO_LLGR;
            default -> null;
        };
        if (named != null) {
            return named;
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new Community(Values.decimalOrHex(token, Values.MAX_UINT32, COMMUNITY));
        }
        long high = part(token, text.substring(0, colon), 0xFFFF, COMMUNITY);
        long low = part(token, text.substring(colon + 1), 0xFFFF, COMMUNITY);
        return new Community((high << 16) | low);
    }

    /** RFC 8092 section 3: {@code global:local1:local2}. */
    static LargeCommunity largeCommunity(Token token) throws ConfigException {
        String[] parts = token.text().split(":", -1);
        if (parts.length != 3) {
            throw ConfigException.unexpected(token, LARGE_COMMUNITY);
        }
        return new LargeCommunity(part(token, parts[0], Values.MAX_UINT32, LARGE_COMMUNITY),
                part(token, parts[1], Values.MAX_UINT32, LARGE_COMMUNITY),
                part(token, parts[2], Values.MAX_UINT32, LARGE_COMMUNITY));
    }

    /*
     * RFC 4360 section 3: type (high bit IANA authority, 0x40 non-transitive), sub-type, 6 octets.
     *   0x00/0x02 route target, 2-octet AS:  +----+----+----AS----+-------NUMBER(4)-------+
     *   0x01/0x02 route target, IPv4:        +----+----+------IPV4(4)------+--NUMBER(2)--+
     *   0x02/0x02 route target, 4-octet AS (RFC 5668): AS(4) NUMBER(2)
     *   sub-type 0x03 is route origin with the same layouts.
     * "ASN:NUMBER" without a word means target, as in ExaBGP. NUMBER may be written a.b.c.d. target4:/origin4: and
     * an L after the AS (ExaBGP's "long") ask for the 4-octet AS layout whatever the AS.
     */
    static ExtendedCommunity extendedCommunity(Token token) throws ConfigException {
        try {
            return encodeExtended(token);
        } catch (ConfigException partWrong) {
            throw ConfigException.unexpected(token, EXTENDED_COMMUNITY);
        }
    }

    private static ExtendedCommunity encodeExtended(Token token) throws ConfigException {
        String text = token.text();
        if (text.startsWith("0x") || text.startsWith("0X")) {
            byte[] raw = Values.hexBytes(token, EXTENDED_COMMUNITY);
            if (raw.length != 8) {
                throw ConfigException.unexpected(token, EXTENDED_COMMUNITY);
            }
            return new ExtendedCommunity(raw);
        }
        if (text.equals("redirect-to-nexthop")) {
            return new ExtendedCommunity(new byte[] {0x08, 0, 0, 0, 0, 0, 0, 0}); // RFC 7674 / ExaBGP
        }
        if (text.equals("copy-to-nexthop")) {
            return new ExtendedCommunity(new byte[] {0x08, 0, 0, 0, 0, 0, 0, 1}); // draft-simpson-idr-flowspec-redirect
        }
        if (text.startsWith("rate-limit:")) { // RFC 8955 section 7.1 (bytes), RFC 8955 / draft-ietf-idr-flowspec-packet-rate (packets)
            String[] rate = text.split(":", -1);
            if (rate.length > 3 || (rate.length == 3 && !rate[2].equals("packets"))) {
                throw ConfigException.unexpected(token, EXTENDED_COMMUNITY);
            }
            return trafficRate(part(token, rate[1], Values.MAX_UINT32, EXTENDED_COMMUNITY), rate.length == 3);
        }
        String[] parts = text.split(":", -1);
        if (parts[0].equals("l2info")) { // RFC 4761 section 3.2.4: encapsulation, control flags, MTU, site preference
            if (parts.length != 5) {
                throw ConfigException.unexpected(token, EXTENDED_COMMUNITY);
            }
            return new ExtendedCommunity(ByteBuffer.allocate(8).put((byte) 0x80).put((byte) 0x0A)
                    .put((byte) part(token, parts[1], 0xFF, EXTENDED_COMMUNITY))
                    .put((byte) part(token, parts[2], 0xFF, EXTENDED_COMMUNITY))
                    .putShort((short) part(token, parts[3], 0xFFFF, EXTENDED_COMMUNITY))
                    .putShort((short) part(token, parts[4], 0xFFFF, EXTENDED_COMMUNITY)).array());
        }
        String kind = parts.length == 2 ? "target" : parts[0];
        if (parts.length < 2 || parts.length > 3) {
            throw ConfigException.unexpected(token, EXTENDED_COMMUNITY);
        }
        String admin = parts[parts.length - 2];
        String assigned = parts[parts.length - 1];
        // ExaBGP's forms of a 4-octet AS: target4:/origin4:, or an L after the AS (target:120000L:123); both
        // give the 4-octet AS layout (RFC 5668, twinbgp's encoding of any AS above 65535)
        boolean as4 = kind.equals("target4") || kind.equals("origin4");
        if (admin.endsWith("L") && admin.length() > 1) {
            admin = admin.substring(0, admin.length() - 1);
            as4 = true;
        }
        if (assigned.endsWith("L") && assigned.length() > 1) {
            assigned = assigned.substring(0, assigned.length() - 1);
        }
        if (as4) {
            kind = kind.startsWith("origin") ? "origin" : kind.startsWith("target") ? "target" : kind;
        }
        ByteBuffer out = ByteBuffer.allocate(8);
        switch (kind) {
            case "target", "origin" -> {
                int subType = kind.equals("target") ? 0x02 : 0x03;
                if (admin.indexOf('.') >= 0) {
                    IpAddress ip = Values.ipv4(new Token(token.source(), token.line(), token.column(), admin, false),
                            EXTENDED_COMMUNITY);
                    out.put((byte) 0x01).put((byte) subType).put(ip.bytes())
                            .putShort((short) part(token, assigned, 0xFFFF, EXTENDED_COMMUNITY));
                } else {
                    long asn = part(token, admin, Values.MAX_UINT32, EXTENDED_COMMUNITY);
                    if (asn > 0xFFFF || as4) {
                        out.put((byte) 0x02).put((byte) subType).putInt((int) asn)
                                .putShort((short) part(token, assigned, 0xFFFF, EXTENDED_COMMUNITY));
                    } else {
                        out.put((byte) 0x00).put((byte) subType).putShort((short) asn)
                                .putInt((int) number32(token, assigned));
                    }
                }
            }
            case "redirect" -> {
                return redirect(token, admin, assigned);
            }
            case "mup" -> // draft-mpmz-bess-mup-safi section 3.2: the MUP extended community, 0x0C00, AS(2):ID(4)
                    out.put((byte) 0x0C).put((byte) 0x00).putShort((short) part(token, admin, 0xFFFF, EXTENDED_COMMUNITY))
                            .putInt((int) part(token, assigned, Values.MAX_UINT32, EXTENDED_COMMUNITY));
            case "bandwidth" -> { // draft-ietf-idr-link-bandwidth: AS(2) and an IEEE float of bytes per second
                float bandwidth;
                try {
                    bandwidth = Float.parseFloat(assigned);
                } catch (NumberFormatException bad) {
                    throw ConfigException.unexpected(token, EXTENDED_COMMUNITY);
                }
                if (!(bandwidth >= 0) || Float.isInfinite(bandwidth)) {
                    throw ConfigException.unexpected(token, EXTENDED_COMMUNITY);
                }
                out.put((byte) 0x40).put((byte) 0x04).putShort((short) part(token, admin, 0xFFFF, EXTENDED_COMMUNITY))
                        .putFloat(bandwidth);
            }
            default -> throw ConfigException.unexpected(token, EXTENDED_COMMUNITY);
        }
        return new ExtendedCommunity(out.array());
    }

    /** Traffic-rate (RFC 8955 section 7.1): AS 0 (as ExaBGP, Juniper and Arbor) and the rate as an IEEE float. */
    static ExtendedCommunity trafficRate(long rate, boolean packets) {
        return new ExtendedCommunity(ByteBuffer.allocate(8).put((byte) 0x80).put((byte) (packets ? 0x0C : 0x06))
                .putShort((short) 0).putFloat(rate).array());
    }

    /**
     * Redirect (RFC 8955 section 7.4, RFC 7674 section 3): 0x8008 AS(2):NUMBER(4), 0x8108 IPV4:NUMBER(2),
     * 0x8208 AS(4):NUMBER(2) when the AS needs 4 octets.
     */
    static ExtendedCommunity redirect(Token token, String admin, String assigned) throws ConfigException {
        ByteBuffer out = ByteBuffer.allocate(8);
        if (admin.indexOf('.') >= 0) {
            IpAddress ip = Values.ipv4(new Token(token.source(), token.line(), token.column(), admin, false),
                    EXTENDED_COMMUNITY);
            out.put((byte) 0x81).put((byte) 0x08).put(ip.bytes()).putShort((short) part(token, assigned, 0xFFFF, EXTENDED_COMMUNITY));
        } else {
            long asn = part(token, admin, Values.MAX_UINT32, EXTENDED_COMMUNITY);
            if (asn > 0xFFFF) {
                out.put((byte) 0x82).put((byte) 0x08).putInt((int) asn)
                        .putShort((short) part(token, assigned, 0xFFFF, EXTENDED_COMMUNITY));
            } else {
                out.put((byte) 0x80).put((byte) 0x08).putShort((short) asn)
                        .putInt((int) part(token, assigned, Values.MAX_UINT32, EXTENDED_COMMUNITY));
            }
        }
        return new ExtendedCommunity(out.array());
    }

    /** A 32-bit number written as decimal or as a dotted quad (ExaBGP accepts {@code 72:0.0.0.1}). */
    private static long number32(Token token, String text) throws ConfigException {
        if (text.indexOf('.') >= 0) {
            return Values.ipv4(new Token(token.source(), token.line(), token.column(), text, false), EXTENDED_COMMUNITY)
                    .toUnsignedInt();
        }
        return part(token, text, Values.MAX_UINT32, EXTENDED_COMMUNITY);
    }

    /** One decimal part of a compound word; errors point at the whole word. */
    private static long part(Token token, String text, long max, String expected) throws ConfigException {
        try {
            return Values.decimal(new Token(token.source(), token.line(), token.column(), text, false), max, expected);
        } catch (ConfigException partWrong) {
            throw ConfigException.unexpected(token, expected);
        }
    }
}
