package dev.twinbgp.speaker.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.twinbgp.speaker.json.TreeWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.wire.family.Family;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code show neighbor}: ExaBGP's summary table, an extensive block per neighbor, or a JSON array; each with
 * the prefix counts per family - received and sent (NLRI announced in UPDATEs since the session came up) and
 * accepted (held in the Adj-RIB-In now), as {@code birdc show protocols all}, {@code gobgp neighbor} and FRR's
 * {@code show bgp summary} report theirs.
 */
final class NeighborReport {

    private NeighborReport() {
    }

    /** One family's counts. */
    record Counts(Family family, long received, long accepted, long sent) {
    }

    /** {@code accepted}: each neighbor to report, in order, with what its Adj-RIB-In holds per family. */
    static List<String> render(Map<Neighbor, Map<Family, Integer>> accepted, Command.ShowNeighbor show, Clock clock) {
        List<Neighbor> neighbors = List.copyOf(accepted.keySet());
        if (show.json()) {
            ArrayNode all = JsonNodeFactory.instance.arrayNode();
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
                PeerStats.LastDown last = n.stats().lastDown;
                o.put("last-down-reason", last == null ? "" : last.cause());
                long restartIn = restartIn(n, clock);
                if (restartIn < 0) {
                    o.putNull("restarting-in");
                } else {
                    o.put("restarting-in", restartIn);
                }
                ObjectNode prefixes = o.putObject("prefixes");
                for (Counts c : counts(n, accepted.get(n))) {
                    ObjectNode f = prefixes.putObject(c.family().toString());
                    f.put("received", c.received());
                    f.put("accepted", c.accepted());
                    f.put("sent", c.sent());
                }
            }
            return List.of(TreeWriter.plain(all));
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
            for (Counts c : counts(n, accepted.get(n))) {
                lines.add(String.format(Locale.ROOT, "  Prefixes        %s: received %d accepted %d sent %d",
                        c.family(), c.received(), c.accepted(), c.sent()));
            }
            PeerStats.LastDown last = n.stats().lastDown;
            if (last != null && !last.cause().isEmpty()) {
                long restartIn = restartIn(n, clock);
                lines.add("  Last down       " + last.cause() + (restartIn < 0 ? "" : "; restarting in " + restartIn + " s"));
            }
        }
        if (!show.extensive()) {
            // A second table, so the first keeps ExaBGP's columns for scripts that read them.
            lines.add("");
            lines.add(String.format(Locale.ROOT, "%-15s %-20s %10s %10s %10s", "Peer", "Family", "received", "accepted", "sent"));
            for (Neighbor n : neighbors) {
                for (Counts c : counts(n, accepted.get(n))) {
                    lines.add(String.format(Locale.ROOT, "%-15s %-20s %10d %10d %10d", n.name(), c.family(),
                            c.received(), c.accepted(), c.sent()));
                }
            }
        }
        return lines;
    }

    /** The configured families in their order, then any other family the counters saw (by AFI, SAFI). */
    static List<Counts> counts(Neighbor n, Map<Family, Integer> held) {
        Set<Family> families = new LinkedHashSet<>(n.config().families());
        List<Family> seen = new ArrayList<>(n.stats().prefixes.keySet());
        seen.addAll(held.keySet());
        seen.sort(Comparator.comparingInt(Family::afi).thenComparingInt(Family::safi));
        families.addAll(seen);
        List<Counts> out = new ArrayList<>(families.size());
        for (Family f : families) {
            PeerStats.FamilyCounts c = n.stats().prefixes.get(f);
            out.add(new Counts(f, c == null ? 0 : c.received.get(), held.getOrDefault(f, 0), c == null ? 0 : c.sent.get()));
        }
        return out;
    }

    /**
     * Seconds until the automatic restart of a session that is down and waiting for it (Idle), else -1: once
     * the restart has come (Connect, Active, ..., Established) the countdown of the last down is history.
     */
    private static long restartIn(Neighbor n, Clock clock) {
        PeerStats.LastDown last = n.stats().lastDown;
        return last == null || n.driver().state() != State.IDLE ? -1 : last.restartInSeconds(clock.millis());
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
