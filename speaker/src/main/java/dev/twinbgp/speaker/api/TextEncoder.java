package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.RouteRefresh;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.speaker.json.ExaJson;
import java.util.ArrayList;
import java.util.List;

/**
 * ExaBGP's {@code encoder text} (API v4): {@code neighbor IP up}, {@code neighbor IP down - REASON},
 * {@code neighbor IP receive keepalive}, {@code neighbor IP receive notification code C subcode S data HEX},
 * {@code neighbor IP receive route-refresh afi A safi S R}, and an UPDATE as several lines:
 * <pre>
 *   neighbor 192.0.2.1 receive update start
 *   neighbor 192.0.2.1 receive update announced 10.0.0.0/24 next-hop 192.0.2.1 origin igp as-path [ 65001 ]
 *   neighbor 192.0.2.1 receive update withdrawn 10.1.0.0/24
 *   neighbor 192.0.2.1 receive update end
 * </pre>
 * ({@code update route ipv4 unicast} for an End-of-RIB). Direction is {@code receive} or {@code send}.
 */
final class TextEncoder {
    private TextEncoder() {
    }

    static String state(String peer, String state, String reason) {
        return "neighbor " + peer + " " + state + (state.equals("down") ? " - " + (reason == null ? "" : reason) : "");
    }

    static List<String> message(String peer, BgpMessage message, boolean received) {
        return message(peer, message, received, null);
    }

    /**
     * {@link #message(String, BgpMessage, boolean)} for {@code consolidate} with {@code packets}: each line ends
     * with {@code header 0x... body 0x...} (ExaBGP's {@code _header_body}; no body for a KEEPALIVE); an UPDATE
     * gets them as a line of their own before its {@code end} line, which starts with the blank, as ExaBGP
     * writes it. Null octets: the plain lines.
     */
    static List<String> message(String peer, BgpMessage message, boolean received, byte[] octets) {
        String head = "neighbor " + peer + (received ? " receive " : " send ");
        String tail = headerBody(octets);
        return switch (message) {
            case Update u -> update(head + "update", u, tail);
            case Keepalive k -> List.of(head + "keepalive" + tail);
            case Notification n -> List.of(head + "notification code " + n.code() + " subcode " + n.subcode()
                    + " data " + ExaJson.hex(n.data(), 0, n.data().length) + tail); // ExaBGP's hexstring: 0x...
            case RouteRefresh r -> List.of(head + "route-refresh afi " + Family.afiName(r.family().afi())
                    + " safi " + Family.safiName(r.family().safi()) + " " + r.subtype() + tail);
            case dev.twinbgp.bgp.wire.Operational p -> List.of(head + operational(p) + tail);
            case Open o -> List.of(head + "open version " + o.version() + " asn " + o.myAs() + " hold_time "
                    + o.holdTime() + " router_id " + dotted(o.bgpIdentifier()) + tail);
        };
    }

    /**
     * {@code packets} without {@code consolidate}: {@code neighbor IP receive|send TYPE header 0x... body 0x...},
     * TYPE the message type's number (ExaBGP's text {@code packets}; no body for a KEEPALIVE).
     */
    static String packets(String peer, byte[] octets, boolean received) {
        return "neighbor " + peer + (received ? " receive " : " send ") + (octets[HEADER - 1] & 0xFF) + headerBody(octets);
    }

    private static final int HEADER = 19;

    private static String headerBody(byte[] octets) {
        if (octets == null) {
            return "";
        }
        String header = " header " + ExaJson.hex(octets, 0, HEADER);
        return octets.length > HEADER ? header + " body " + ExaJson.hex(octets, HEADER, octets.length) : header;
    }

    /** ExaBGP's text for an operational message (its text encoder's advisory, query and counter forms). */
    private static String operational(dev.twinbgp.bgp.wire.Operational p) {
        String base = "operational " + (p.name() == null ? "unknown-" + p.what() : p.name())
                + " afi " + Family.afiName(p.afi()) + " safi " + Family.safiName(p.safi());
        String category = p.category();
        if ("advisory".equals(category)) {
            return base + " advisory \"" + p.advisory() + "\"";
        }
        if ("counter".equals(category)) {
            return base + " router-id " + dotted(p.routerId()) + " sequence " + p.sequence() + " counter " + p.counter();
        }
        return base;
    }

    private static List<String> update(String prefix, Update u, String headerBody) {
        List<String> lines = new ArrayList<>();
        lines.add(prefix + " start");
        if (u.isEndOfRib()) {
            // ExaBGP's EOR NLRI extensive(): 'eor AFI/SAFI (afi safi)' - 4.2.21 writes "... send update route eor 1/1
            // (ipv4 unicast)", as the v4 text encoder of 5/main does (bgp/message/update/eor.py)
            lines.add(prefix + " route " + u.endOfRibFamily()
                    .map(f -> "eor " + f.afi() + "/" + f.safi() + " (" + f + ")").orElse("eor"));
        } else {
            String attributes = u.mpReach().isPresent()
                    ? RouteReport.attributes(new Path(u.attributes(), u.mpReach().get().nextHop()))
                    : RouteReport.attributes(new Path(u.attributes()));
            for (Nlri block : u.announced()) {
                block.forEach(p -> lines.add(prefix + " announced " + p + " " + attributes));
            }
            for (Nlri block : u.withdrawnAll()) {
                block.forEach(p -> lines.add(prefix + " withdrawn " + p));
            }
        }
        if (!headerBody.isEmpty()) {
            lines.add(headerBody);
        }
        lines.add(prefix + " end");
        return lines;
    }

    private static String dotted(long id) {
        return (id >>> 24 & 0xFF) + "." + (id >>> 16 & 0xFF) + "." + (id >>> 8 & 0xFF) + "." + (id & 0xFF);
    }
}
