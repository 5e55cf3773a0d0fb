package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.config.RouteConfig;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.SessionListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * API lines added by {@link AnnounceShortcut} give the batch that reading every line in full gives: the same
 * routes (keys and paths) in the same order for the same neighbors, the same held peers, the same number of
 * commands, and the same errors for the lines it must leave to the full reading - over generated lines whose tails
 * repeat (the shortcut's case) and change what a tail means: {@code split}, {@code withdraw}, a path id, labels,
 * an IPv6 next hop, prefixes the plain IPv4 reader refuses, and a scope that changes under it.
 */
class AnnounceShortcutTest {
    private static final List<String> TAILS = List.of("next-hop 192.0.2.1 med 5 community [65001:5]",
            "next-hop 192.0.2.1 med 6 community [65001:5]", "next-hop 192.0.2.1", "next-hop 192.0.2.1 ",
            "next-hop 192.0.2.1  med 5", "next-hop self local-preference 200", "next-hop 192.0.2.1 path-information 7",
            "next-hop 192.0.2.1 split /26", "next-hop 192.0.2.1 withdraw", "next-hop 192.0.2.1 label 5 rd 1:1",
            "next-hop 2001:db8::1", "med 5", "next-hop 192.0.2.1 as-path [ 65001 65002 ] origin egp",
            "next-hop 192.0.2.1 bogus", "next-hop 192.0.2.1 watchdog w", "next-hop 192.0.2.1 med 5;", "",
            "next-hop 192.0.2.1 med 5\r", "next-hop 192.0.2.1 med 5 community [65001:5] \u00e9");
    private static final List<String> PREFIXES = List.of("10.0.0.0/24", "10.0.1.0/24", "0.0.0.0/0", "10.0.2.1/24",
            "10.0.3.0/024", "010.0.3.0/24", "10.0.4.0", "10.0.5.5/32", "2001:db8::/32", "10.0.6.0/33", "10.0.7.0/ 24",
            "10.0.8.0/2\u0664");
    private static final List<String> FORMS = List.of("announce route ", "announce route ", "announce route ",
            "withdraw route ", " announce route ", "announce  route ", "neighbor 192.0.2.9 announce route ",
            "announce route  ");

    @Test
    void theShortcutGivesTheBatchOfTheFullReading() throws Exception {
        withNeighbors(n -> {
            int shortcuts = replay(n, scopes(n), MappingRouteConverter.INSTANCE);
            assertTrue(shortcuts > 30_000, "the shortcut took only " + shortcuts + " lines");
        });
    }

    /**
     * A converter plugged in through {@code Api.Options} may look at the prefix (here: it refuses the default route);
     * it does not say that its paths ignore the prefix, so every line goes through it.
     */
    @Test
    void aConverterThatReadsThePrefixSeesEveryLine() throws Exception {
        RouteConverter noDefault = new RouteConverter() {
            @Override
            public List<Route> toRoutes(NeighborConfig neighbor, RouteConfig route) {
                if (route.prefix().length() == 0) {
                    throw new IllegalArgumentException("no default route here");
                }
                return MappingRouteConverter.INSTANCE.toRoutes(neighbor, route);
            }
        };
        withNeighbors(n -> assertEquals(0, replay(n, scopes(n), noDefault)));
    }

    /**
     * Scopes of the neighbors below: one neighbor, an internal one with {@code auto-flush false}, two, the first again
     * in another list, the first reloaded with another local address (its driver kept, as a reload keeps it: another
     * {@code next-hop self}), and one without IPv4 unicast.
     */
    private static List<List<Neighbor>> scopes(List<Neighbor> n) {
        return List.of(List.of(n.get(0)), List.of(n.get(1)), List.of(n.get(0), n.get(2)),
                List.of(new Neighbor(n.get(0).config(), n.get(0).driver(), null)),
                List.of(new Neighbor(n.get(4).config(), n.get(0).driver(), null)), List.of(n.get(3)));
    }

    private interface WithNeighbors {
        void run(List<Neighbor> neighbors) throws Exception;
    }

    /**
     * Real drivers (their FSMs started, no connection: active neighbors are connected by connectPeers() only), so each
     * neighbor is its own peer in the batch and errors name it as the daemon's do.
     */
    private static void withNeighbors(WithNeighbors test) throws Exception {
        Configuration config = ConfigParser.parse("t.conf", """
                neighbor 192.0.2.9 { router-id 10.0.0.1; local-address 192.0.2.2; local-as 65000; peer-as 65001;
                  family { ipv4 unicast; } }
                neighbor 192.0.2.10 { router-id 10.0.0.1; local-address 192.0.2.2; local-as 65000; peer-as 65000;
                  auto-flush false; family { ipv4 unicast; } }
                neighbor 192.0.2.11 { router-id 10.0.0.1; local-address 192.0.2.2; local-as 65000; peer-as 65002;
                  family { ipv4 unicast; } }
                neighbor 192.0.2.12 { router-id 10.0.0.1; local-address 192.0.2.2; local-as 65000; peer-as 65001;
                  family { ipv6 unicast; } }
                neighbor 192.0.2.13 { router-id 10.0.0.1; local-address 192.0.2.3; local-as 65000; peer-as 65001;
                  family { ipv4 unicast; } }
                """);
        try (BgpSpeaker speaker = BgpSpeaker.open("selector", ReactorConfig.defaults(), PeerSettingsMapper.map(config),
                new SessionListener() { })) {
            List<Neighbor> n = new ArrayList<>();
            for (int i = 0; i < config.neighbors().size(); i++) {
                n.add(new Neighbor(config.neighbors().get(i), speaker.peers().get(i), null));
            }
            test.run(n);
        }
    }

    /** The same generated lines through both readers; the number of lines the shortcut took. */
    private static int replay(List<Neighbor> all, List<List<Neighbor>> scopes, RouteConverter converter) {
        Random random = new Random(18);
        Reader full = new Reader(false, all, converter);
        Reader shortcut = new Reader(true, all, converter);
        List<Neighbor> scope = scopes.get(0);
        for (int i = 0; i < 60_000; i++) {
            if (random.nextInt(500) == 0) {
                scope = scopes.get(random.nextInt(scopes.size()));
            }
            String tail = TAILS.get(random.nextInt(TAILS.size()));
            int repeats = 1 + random.nextInt(6);
            for (int r = 0; r < repeats; r++) {
                String prefix = PREFIXES.get(random.nextInt(8) == 0 ? random.nextInt(PREFIXES.size()) : random.nextInt(2));
                String form = random.nextInt(10) == 0 ? FORMS.get(random.nextInt(FORMS.size())) : FORMS.get(0);
                String line = form + prefix + (tail.isEmpty() ? "" : " " + tail);
                assertEquals(full.read(line, scope), shortcut.read(line, scope), line);
            }
            if (random.nextInt(50) == 0) {
                assertEquals(full.batch.contents(), shortcut.batch.contents());
                full.batch = new RouteBatch();
                shortcut.batch = new RouteBatch();
            }
        }
        assertEquals(full.batch.contents(), shortcut.batch.contents());
        return shortcut.shortcuts;
    }

    /** One API reader: every line read in full, or as {@code ApiProcess.read} reads it (the shortcut first). */
    private static final class Reader {
        final boolean withShortcut;
        final RouteLines routeLines = new RouteLines();
        final AnnounceShortcut shortcut = new AnnounceShortcut();
        final CommandExecutor executor;
        RouteBatch batch = new RouteBatch();
        int shortcuts;

        Reader(boolean withShortcut, List<Neighbor> all, RouteConverter converter) {
            this.withShortcut = withShortcut;
            executor = new CommandExecutor(all, converter, () -> { }, "t", Clock.systemUTC());
        }

        /** The line's outcome: "ok", "ignored" or its error. */
        String read(String line, List<Neighbor> scope) {
            byte[] octets = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (withShortcut && shortcut.add(octets, 0, octets.length, batch, scope)) {
                shortcuts++;
                return "ok";
            }
            try {
                Request request = routeLines.parse(line);
                if (request == null || !CommandExecutor.isRouteChange(request.command())) {
                    return "ignored";
                }
                int before = batch.announced();
                executor.addTo(batch, request, scope);
                if (withShortcut) {
                    shortcut.learn(line, request, scope, batch, before, executor);
                }
                return "ok";
            } catch (CommandException e) {
                return e.getMessage();
            }
        }
    }
}
