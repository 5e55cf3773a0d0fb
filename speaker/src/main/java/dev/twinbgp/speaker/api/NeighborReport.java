package dev.twinbgp.speaker.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.bgp.fsm.State;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code show neighbor}: ExaBGP's summary table, an extensive block per neighbor, or a JSON array. */
final class NeighborReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NeighborReport() {
    }

    static List<String> render(List<Neighbor> neighbors, Command.ShowNeighbor show, Clock clock) {
        if (show.json()) {
            ArrayNode all = JSON.createArrayNode();
            for (Neighbor n : neighbors) {
                ObjectNode o = all.addObject();
                o.put("peer-address", n.config().peerAddress().toString());
                o.put("local-address", n.config().localAddress().map(Object::toString).orElse(null));
                o.put("peer-as", n.config().peerAs());
                o.put("local-as", n.config().localAs());
                o.put("state", state(n.driver().state()));
                long up = n.stats().upSince.get();
                o.put("duration", up < 0 ? 0 : (clock.millis() - up) / 1000);
                o.put("updates-sent", n.stats().updatesSent.get());
                o.put("updates-received", n.stats().updatesReceived.get());
                o.put("last-down-reason", n.stats().lastDownReason);
            }
            return List.of(all.toString());
        }
        List<String> lines = new ArrayList<>();
        if (!show.extensive()) {
            lines.add(String.format(Locale.ROOT, "%-15s %-9s %9s %-12s| %9s %9s",
                    "Peer", "AS", "up/down", "state", "#sent", "#recvd"));
        }
        for (Neighbor n : neighbors) {
            String state = state(n.driver().state());
            String uptime = uptime(n, clock);
            if (!show.extensive()) {
                lines.add(String.format(Locale.ROOT, "%-15s %-9d %9s %-12s| %9d %9d", n.name(), n.config().peerAs(),
                        uptime, state, n.stats().updatesSent.get(), n.stats().updatesReceived.get()));
                continue;
            }
            lines.add("Neighbor " + n.name());
            lines.add("  Session         " + state);
            lines.add("  Up/down time    " + uptime);
            lines.add("  Local address   " + n.config().localAddress().map(Object::toString).orElse("-"));
            lines.add("  Local AS        " + n.config().localAs());
            lines.add("  Peer AS         " + n.config().peerAs());
            lines.add("  Router ID       " + n.config().routerId().map(Object::toString).orElse("-"));
            lines.add("  Hold time       " + n.config().holdTime());
            lines.add("  Families        " + String.join(" ", n.config().families().stream().map(Object::toString).toList()));
            lines.add("  Updates sent    " + n.stats().updatesSent.get());
            lines.add("  Updates recvd   " + n.stats().updatesReceived.get());
            if (!n.stats().lastDownReason.isEmpty()) {
                lines.add("  Last down       " + n.stats().lastDownReason);
            }
        }
        return lines;
    }

    private static String state(State s) {
        return s.toString().toLowerCase(Locale.ROOT);
    }

    private static String uptime(Neighbor n, Clock clock) {
        long up = n.stats().upSince.get();
        if (up < 0) {
            return "down";
        }
        Duration d = Duration.ofMillis(Math.max(0, clock.millis() - up));
        return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
