package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.speaker.config.PrefixText;
import dev.twinbgp.speaker.config.RouteConfig;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * An API process's IPv4 announce lines that repeat the tail of the last one read in full, added to the batch as the
 * route they mean, without a {@link Request}:
 * <pre>
 *   announce route 10.0.0.0/24 next-hop 192.0.2.1 med 5 community [65000:1]   read in full, its route learned
 *   announce route 10.0.1.0/24 next-hop 192.0.2.1 med 5 community [65000:1]   the same tail: its path, this prefix
 *   \______________/\_________/\_________________________________________/
 *       form          prefix     tail: compared octet for octet with the learned line's
 * </pre>
 * The repeated line is read from its octets in the reader's buffer ({@link LineReader#lineBuffered}), never made a
 * String (issue 18: the line strings were a fifth of the reader's allocation, their copying and comparing a tenth
 * of its time). Equal octets decode to equal text, so a tail equal as octets is the learned tail; one written
 * otherwise (another encoding of the same characters) is read in full.
 * A table announces a few attribute sets over many prefixes; each line read in full went through {@link RouteLines},
 * a {@link Request} of a {@link Command.Announce} of a {@link RouteConfig}, {@link CommandExecutor#addTo}, the
 * converter's cache and a one-route list: eight objects and a dozen calls whose outcome the line before already
 * settled (issue 18: 1,000,000 API routes to BIRD 2; the reader thread allocated 600 MB).
 *
 * <p>What the full reading gives is learned only where the tail alone decides it: a line with no neighbor selector,
 * a process speaking for one neighbor, not inside a group, whose command announced exactly one route, without
 * {@code split} (how many routes it makes depends on the prefix: a {@code split /26} of a /32 is the /32 alone, of a
 * /24 four routes) or {@code withdraw} (none), of IPv4 unicast keyed by its
 * plain prefix (no path id: {@code path-information} is in the tail, but so is the key's form, checked on the route
 * itself). The grammar never reads the prefix and the tail together ({@link RouteLines}), and the path of a route
 * depends on its attributes, family and neighbor only - when the converter says so
 * ({@link RouteConverter#pathIgnoresPrefix}: {@link MappingRouteConverter} does; a converter plugged in through
 * {@code Api.Options} that looks at prefixes sees every line); the neighbor is held by
 * identity of the process's scope, which is replaced whole when a neighbor joins or leaves. Anything else - another
 * tail, a prefix not in the plain IPv4 form ({@link PrefixText#ipv4}), another scope - is read in full.
 * Not thread-safe: one per reader thread.
 */
final class AnnounceShortcut {
    private static final String ANNOUNCE = "announce route ";
    private static final byte[] ANNOUNCE_OCTETS = ANNOUNCE.getBytes(StandardCharsets.US_ASCII);

    /** The tail learned last (its UTF-8 octets), and what it means for the scope it was learned in. */
    private byte[] tail;
    private List<Neighbor> scope;
    private Neighbor neighbor;
    private Path path;

    /**
     * Adds the route of the line {@code octets[from, to)} (without its line end) to {@code batch} as one command
     * when its tail is the learned one; else false.
     */
    boolean add(byte[] octets, int from, int to, RouteBatch batch, List<Neighbor> scope) {
        int start = from + ANNOUNCE_OCTETS.length;
        if (scope != this.scope || tail == null || to - start < 1 + tail.length
                || !Arrays.equals(octets, from, start, ANNOUNCE_OCTETS, 0, ANNOUNCE_OCTETS.length)) {
            return false;
        }
        int space = to - tail.length - 1; // where the tail must begin, after one space
        if (octets[space] != ' ' || !Arrays.equals(octets, space + 1, to, tail, 0, tail.length)) {
            return false;
        }
        long prefix = PrefixText.ipv4(octets, start, space);
        if (prefix < 0) {
            return false;
        }
        if (!neighbor.config().autoFlush()) {
            batch.hold(neighbor.driver()); // as CommandExecutor.addTo holds it
        }
        batch.announce(neighbor.driver(), new Route(Prefix.ipv4((int) (prefix >>> 8), (int) (prefix & 0xFF)), path));
        batch.countCommand();
        return true;
    }

    /**
     * {@code line}, read in full as {@code request} and added to {@code batch} by {@code executor}'s
     * {@link CommandExecutor#addTo} (which had announced {@code before} routes into it until then): its tail is
     * learned when it alone decides the route. A tail learned before stays true for its scope whatever other lines come between.
     */
    void learn(String line, Request request, List<Neighbor> scope, RouteBatch batch, int before,
               CommandExecutor executor) {
        if (!executor.pathIgnoresPrefix() || !request.selectors().isEmpty() || scope.size() != 1 || batch.announced() != before + 1
                || !(request.command() instanceof Command.Announce a) || a.routes().size() != 1 || !a.flows().isEmpty()
                || !line.startsWith(ANNOUNCE)) {
            return;
        }
        RouteConfig route = a.routes().get(0);
        int space = line.indexOf(' ', ANNOUNCE.length());
        long prefix = space < 0 ? -1 : PrefixText.ipv4(line, ANNOUNCE.length(), space);
        Route added = batch.lastAnnounced();
        if (prefix < 0 || !route.family().equals(Family.IPV4_UNICAST) || route.multicast()
                || route.attributes().split().isPresent() || route.attributes().withdrawn()
                || !added.key().equals(Prefix.ipv4((int) (prefix >>> 8), (int) (prefix & 0xFF)))) {
            return;
        }
        tail = line.substring(space + 1).getBytes(StandardCharsets.UTF_8);
        this.scope = scope;
        neighbor = scope.get(0);
        path = added.path();
    }
}
