package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.family.Nlri;

import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.NlriChunks;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.family.RouteKey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * Packs many prefixes sharing one attribute set into as few UPDATEs as the session's maximum message
 * length allows (RFC 4271 section 4.3; 65535 with RFC 8654). The attributes are encoded once (they
 * cache their wire form); prefixes go straight into wire-form {@link Nlri} blocks. Path identifiers
 * follow the SEND direction of ADD-PATH for the family (RFC 7911 section 3).
 */
public final class UpdatePacker {
    private static final int FIXED = MessageFramer.HEADER_LENGTH + 2 + 2;

    private UpdatePacker() {
    }

    /** IPv4 unicast announcements in the NLRI field; {@code attributes} must hold ORIGIN, AS_PATH and NEXT_HOP. */
    public static List<Update> announceIpv4(Attributes attributes, Collection<Prefix> prefixes, Negotiated negotiated) {
        List<Update> out = new ArrayList<>();
        announceIpv4Lazily(attributes, prefixes, negotiated).forEachRemaining(out::add);
        return out;
    }

    /**
     * The UPDATEs of {@link #announceIpv4}, the same ones in the same order, packed one at a time as
     * the caller asks for them (a session writes the first while the rest are still prefixes).
     * {@code prefixes} must not change meanwhile.
     */
    public static Iterator<Update> announceIpv4Lazily(Attributes attributes, Collection<Prefix> prefixes, Negotiated negotiated) {
        boolean ids = negotiated.addPathSend().contains(Family.IPV4_UNICAST);
        int budget = negotiated.maxMessageLength() - FIXED - attributes.encodedLength(negotiated.asn4());
        NlriChunks chunks = new NlriChunks(Family.IPV4_UNICAST, ids, prefixes.iterator(), budget);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return chunks.hasNext();
            }

            @Override
            public Update next() {
                return Update.announce(attributes, chunks.next());
            }
        };
    }

    /** Announcements in MP_REACH_NLRI (RFC 4760 section 3) with the given next hop (4, 16 or 32 octets). */
    public static List<Update> announce(Family family, byte[] nextHop, Attributes attributes, Collection<? extends RouteKey> prefixes,
                                        Negotiated negotiated) {
        boolean ids = negotiated.addPathSend().contains(family);
        // MP_REACH_NLRI overhead: flags, type, 2-octet length, AFI, SAFI, next hop length, next hop, reserved.
        int budget = negotiated.maxMessageLength() - FIXED - attributes.encodedLength(negotiated.asn4()) - 9 - nextHop.length;
        Nlri none = Nlri.empty(Family.IPV4_UNICAST, false);
        List<Update> out = new ArrayList<>();
        for (Nlri n : chunks(family, ids, prefixes, budget)) {
            out.add(new Update(none, attributes, new Attribute.MpReach(family, nextHop, n), null, none));
        }
        return out;
    }

    /** Withdrawals: in Withdrawn Routes for IPv4 unicast, else in MP_UNREACH_NLRI (RFC 4760 section 4). */
    public static List<Update> withdraw(Family family, Collection<? extends RouteKey> prefixes, Negotiated negotiated) {
        boolean ids = negotiated.addPathSend().contains(family);
        boolean ipv4 = family.equals(Family.IPV4_UNICAST);
        int budget = negotiated.maxMessageLength() - FIXED - (ipv4 ? 0 : 7);
        Nlri none = Nlri.empty(Family.IPV4_UNICAST, false);
        List<Update> out = new ArrayList<>();
        for (Nlri n : chunks(family, ids, prefixes, budget)) {
            out.add(ipv4 ? Update.withdraw(n) : new Update(none, Attributes.EMPTY, null, new Attribute.MpUnreach(family, n), none));
        }
        return out;
    }

    private static List<Nlri> chunks(Family family, boolean ids, Collection<? extends RouteKey> routes, int budget) {
        List<Nlri> out = new ArrayList<>();
        Nlri.Builder b = Nlri.builder(family, ids);
        for (RouteKey r : routes) {
            if (b.size() > 0 && b.wireLength() + r.wireSize(ids) > budget) {
                out.add(b.build());
                b = Nlri.builder(family, ids);
            }
            b.add(r);
        }
        if (b.size() > 0) {
            out.add(b.build());
        }
        return out;
    }
}
