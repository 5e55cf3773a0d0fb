package dev.twinbgp.jmh.codec;

import dev.twinbgp.bgp.wire.attribute.AsPathSegment;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The UPDATEs the codec benchmarks decode and encode. */
final class UpdateSamples {
    /** A 4-octet AS session without ADD-PATH or extended messages (the common eBGP/iBGP case). */
    static final Negotiated SESSION = new Negotiated(true, Set.of(), Set.of(), false);

    /**
     * /24 prefixes in the full message: 4096 octets minus header (19), the two length fields (4) and
     * the attributes (ORIGIN 4, AS_PATH of one 4-octet AS 9, NEXT_HOP 7 = 20), at 4 octets each
     * (RFC 4271 section 4.3: length octet + 3 address octets). 19 + 4 + 20 + 1013 * 4 = 4095.
     */
    static final int FULL_PREFIXES = 1013;

    /** Attributes of the full message: ORIGIN IGP, AS_PATH [65001], NEXT_HOP 192.0.2.1. */
    static final Attributes FULL_ATTRIBUTES = Attributes.of(new Attribute.Origin(Attribute.Origin.IGP),
            Attribute.AsPath.sequence(65001L), Attribute.NextHop.of("192.0.2.1"));

    /**
     * A typical Internet route: ORIGIN IGP, AS_PATH of 5, NEXT_HOP, MED, LOCAL_PREF, 4 communities,
     * one /24.
     */
    static final Attributes TYPICAL_ATTRIBUTES = Attributes.of(new Attribute.Origin(Attribute.Origin.IGP),
            new Attribute.AsPath(List.of(AsPathSegment.sequence(64500L, 3356L, 1299L, 174L, 4200000001L))),
            Attribute.NextHop.of("192.0.2.1"), new Attribute.MultiExitDisc(50), new Attribute.LocalPref(100),
            new Attribute.Communities(List.of(3356L << 16 | 2, 3356L << 16 | 22, 3356L << 16 | 100, 3356L << 16 | 123)));

    private UpdateSamples() {
    }

    /** 10.0.0.0/24, 10.0.1.0/24, ... : {@code n} distinct /24s. */
    static List<Prefix> slash24s(int n) {
        List<Prefix> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Prefix.ipv4(0x0A000000 | i << 8, 24));
        }
        return out;
    }

    static Update full() {
        return Update.announce(FULL_ATTRIBUTES, Nlri.of(Family.IPV4_UNICAST, false, slash24s(FULL_PREFIXES)));
    }

    static Update typical() {
        return Update.announce(TYPICAL_ATTRIBUTES, Nlri.of(Family.IPV4_UNICAST, false, List.of(Prefix.parse("203.0.113.0/24"))));
    }

    /** The wire form, checked: the full message must use the 4096 octets it is meant to fill. */
    static byte[] wire(Update u) {
        byte[] w = MessageEncoder.encode(u, SESSION);
        if (u.nlri().size() == FULL_PREFIXES && (w.length > 4096 || 4096 - w.length >= 4)) {
            throw new IllegalStateException("full UPDATE is " + w.length + " octets, expected 4093..4096");
        }
        return w;
    }
}
