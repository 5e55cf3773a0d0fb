package dev.twinbgp.speaker.mapping;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.speaker.config.GenericAttribute;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code attribute [ code flags value ]} to a wire attribute. As ExaBGP does, a known type code whose value
 * does not depend on the session is decoded into the typed attribute ({@code [0x04 0x80 0x00000064]} is MED 100),
 * provided the flags are the ones the RFCs prescribe for it (RFC 4271 section 5): the bytes on the wire are the
 * same either way, and the typed form is what the rest of the speaker (JSON, route refresh) understands.
 * Anything else (unknown codes, other flags, AS_PATH / AGGREGATOR whose AS size the session decides) is sent
 * as written, flags included (the Extended Length bit included: {@code 0x70} gives a 2-octet length).
 */
final class GenericAttributes {
    private static final int OT_MASK = Attribute.FLAG_OPTIONAL | Attribute.FLAG_TRANSITIVE;

    private GenericAttributes() {
    }

    static Attribute toWire(GenericAttribute generic) {
        int code = generic.code();
        if (code == Attribute.MP_REACH_NLRI || code == Attribute.MP_UNREACH_NLRI) {
            // RFC 4760: these carry the NLRI; twinbgp builds them from the route's prefix and next hop.
            throw new Refused("attribute " + generic + ": MP_REACH_NLRI / MP_UNREACH_NLRI cannot be given raw;"
                    + " write the route's prefix and next-hop instead");
        }
        byte[] value = generic.value();
        if ((generic.flags() & ~Attribute.FLAG_EXTENDED_LENGTH) == Attribute.defaultFlags(code)
                && (generic.flags() & Attribute.FLAG_EXTENDED_LENGTH) == 0) {
            Attribute typed = typed(code, value);
            if (typed != null) {
                return typed;
            }
        }
        return new Attribute.Unknown(generic.flags() & 0xFF, code, value);
    }

    /** The typed attribute for a well-formed value of a session-independent known code, else null. */
    private static Attribute typed(int code, byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        return switch (code) {
            case Attribute.ORIGIN -> value.length == 1 && value[0] >= 0 && value[0] <= 2 ? Attribute.Origin.of(value[0]) : null;
            case Attribute.NEXT_HOP -> value.length == 4 ? new Attribute.NextHop(b.getInt()) : null;
            case Attribute.MULTI_EXIT_DISC -> value.length == 4 ? new Attribute.MultiExitDisc(u32(b)) : null;
            case Attribute.LOCAL_PREF -> value.length == 4 ? new Attribute.LocalPref(u32(b)) : null;
            case Attribute.ATOMIC_AGGREGATE -> value.length == 0 ? new Attribute.AtomicAggregate() : null;
            case Attribute.ORIGINATOR_ID -> value.length == 4 ? new Attribute.OriginatorId(b.getInt()) : null;
            case Attribute.COMMUNITIES -> value.length % 4 == 0 ? new Attribute.Communities(longs(b, 4)) : null;
            case Attribute.CLUSTER_LIST -> value.length % 4 == 0 ? new Attribute.ClusterList(ints(b)) : null;
            case Attribute.EXTENDED_COMMUNITIES -> value.length % 8 == 0 ? new Attribute.ExtendedCommunities(longs(b, 8)) : null;
            case Attribute.LARGE_COMMUNITY -> value.length % 12 == 0 ? new Attribute.LargeCommunities(larges(b)) : null;
            default -> null;
        };
    }

    private static long u32(ByteBuffer b) {
        return b.getInt() & 0xFFFF_FFFFL;
    }

    private static List<Long> longs(ByteBuffer b, int size) {
        List<Long> out = new ArrayList<>();
        while (b.hasRemaining()) {
            out.add(size == 4 ? u32(b) : b.getLong());
        }
        return out;
    }

    private static List<Integer> ints(ByteBuffer b) {
        List<Integer> out = new ArrayList<>();
        while (b.hasRemaining()) {
            out.add(b.getInt());
        }
        return out;
    }

    private static List<Attribute.LargeCommunity> larges(ByteBuffer b) {
        List<Attribute.LargeCommunity> out = new ArrayList<>();
        while (b.hasRemaining()) {
            out.add(new Attribute.LargeCommunity(u32(b), u32(b), u32(b)));
        }
        return out;
    }
}
