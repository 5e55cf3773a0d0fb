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

    // ExaBGP's summary, character for character (reactor/api/command/neighbor.py: summary_header, summary_template):
    // the header has a '|' the rows do not, so 'awk {print $5}' is a row's #sent, as with ExaBGP
    static final String SUMMARY_HEADER = "Peer            AS        up/down state       |     #sent     #recvd";
    static final String SUMMARY_ROW = "%-15s %-7s %9s %-12s %10d %10d";

    /** {@code accepted}: each neighbor to report, in order, with what its Adj-RIB-In holds per family. */
    static List<String> render(Map<Neighbor, Map<Family, Integer>> accepted, Command.ShowNeighbor show, Clock clock) {
        List<Neighbor> neighbors = List.copyOf(accepted.keySet());
        if (show.json()) {
            ArrayNode all = JsonNodeFactory.instance.arrayNode();
            for (Neighbor n : neighbors) {
                ObjectNode o = all.addObject();
                ExabgpNeighborJson.put(o, n, clock);
                // twinbgp's own keys, beside ExaBGP's (its "state" is up/down: the RFC 4271 state is "fsm")
                long up = n.stats().upSince.get();
                o.put("up", up >= 0);
                o.put("peer-address", n.config().peerAddress().toString());
                o.put("local-address", n.config().localAddress().map(Object::toString).orElse(null));
                o.put("peer-as", n.config().peerAs());
                o.put("local-as", n.config().localAs());
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
            lines.add(SUMMARY_HEADER);
        }
        for (Neighbor n : neighbors) {
            String state = state(n.driver().state());
            if (!show.extensive()) {
                String uptime = uptime(n, clock);
                lines.add(String.format(Locale.ROOT, SUMMARY_ROW, n.name(), Long.toString(n.config().peerAs()),
                        uptime, state, n.stats().updatesSent.get(), n.stats().updatesReceived.get()));
                continue;
            }
            lines.add("Neighbor " + n.name());
            lines.add("  Session         " + state);
            lines.add(upOrDownFor(n, clock));
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

    /** The summary's up/down column, as ExaBGP's: how long the session has been up, else "down". */
    private static String uptime(Neighbor n, Clock clock) {
        long up = n.stats().upSince.get();
        return up < 0 ? "down" : timedelta(seconds(up, clock));
    }

    /** The extensive form's line, as ExaBGP's "up for 0:01:23" / "down for 0:00:05" (its neighbor.py). */
    private static String upOrDownFor(Neighbor n, Clock clock) {
        long up = n.stats().upSince.get();
        return up >= 0 ? "  Up for          " + timedelta(seconds(up, clock))
                : "  Down for        " + timedelta(seconds(n.stats().downSince.get(), clock));
    }

    private static long seconds(long sinceMillis, Clock clock) {
        return Math.max(0, clock.millis() - sinceMillis) / 1000;
    }

    /**
     * Whole seconds as Python's {@code str(timedelta(seconds=N))}, which ExaBGP prints: {@code 0:00:05},
     * {@code 12:34:56}, {@code 1 day, 0:00:05}, {@code 3 days, 4:05:06}.
     */
    static String timedelta(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        String time = String.format(Locale.ROOT, "%d:%02d:%02d", d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart());
        long days = d.toDays();
        return days == 0 ? time : days + (days == 1 ? " day, " : " days, ") + time;
    }
}
