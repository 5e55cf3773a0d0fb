package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Nlri;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.RouteRefresh;
import dev.twinbgp.bgp.wire.Update;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * ExaBGP's {@code encoder text}: one line per event, {@code neighbor IP ...}. Updates read like the API's
 * own commands: {@code neighbor 192.0.2.1 receive update announced 10.0.0.0/24 next-hop ... origin igp},
 * {@code neighbor 192.0.2.1 receive update withdrawn 10.0.0.0/24}, {@code ... update end-of-rib ipv4 unicast}.
 */
final class TextEncoder {
    private TextEncoder() {
    }

    static String state(String peer, String state, String reason) {
        return "neighbor " + peer + " " + state + (reason == null || reason.isEmpty() ? "" : " " + reason);
    }

    static String message(String peer, BgpMessage message, boolean received) {
        String head = "neighbor " + peer + (received ? " receive " : " send ");
        return switch (message) {
            case Update u -> head + update(u);
            case Keepalive k -> head + "keepalive";
            case Notification n -> head + "notification code " + n.code() + " subcode " + n.subcode()
                    + (n.dataLength() == 0 ? "" : " data " + HexFormat.of().formatHex(n.data()));
            case RouteRefresh r -> head + "refresh " + r.family();
            case Open o -> head + "open " + o;
        };
    }

    private static String update(Update u) {
        if (u.isEndOfRib()) {
            return "update end-of-rib " + u.endOfRibFamily().map(Object::toString).orElse("");
        }
        List<String> parts = new ArrayList<>();
        List<String> withdrawn = new ArrayList<>();
        for (Nlri block : u.withdrawnAll()) {
            block.forEach(p -> withdrawn.add(p.toString()));
        }
        if (!withdrawn.isEmpty()) {
            parts.add("withdrawn " + String.join(" ", withdrawn));
        }
        List<String> announced = new ArrayList<>();
        byte[] mpNextHop = null;
        for (Nlri block : u.announced()) {
            block.forEach(p -> announced.add(p.toString()));
        }
        if (u.mpReach().isPresent()) {
            mpNextHop = u.mpReach().get().nextHop();
        }
        if (!announced.isEmpty()) {
            parts.add("announced " + String.join(" ", announced) + " "
                    + RouteReport.attributes(mpNextHop == null ? new Path(u.attributes()) : new Path(u.attributes(), mpNextHop)));
        }
        return "update " + String.join(" ", parts);
    }
}
