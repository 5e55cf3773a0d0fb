package dev.twinbgp.cli;

import dev.twinbgp.speaker.session.FreePort;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.reactor.Reactors;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code twinbgp demo}: two speakers in this process, by default one on each reactor, peer over
 * loopback (127.0.0.2 and 127.0.0.3), each announce a generated IPv4 table to the other, and the
 * command prints how it went: the reactor of each side, the states reached, prefixes sent and
 * received, and the time from start until both sides hold the other's full table.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Two speakers in one process, one per reactor by default, peer over loopback"
                + " (127.0.0.2 and 127.0.0.3), exchange a generated table of IPv4 /24s both ways,"
                + " and print a summary: reactors, states, prefixes sent and received, elapsed time.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:both sides hold the other's full table",
            "1:they did not within the timeout (or could not start)",
            "2:bad usage"})
final class DemoCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_USAGE = 2;
    private static final String ADDRESS_A = "127.0.0.2";
    private static final String ADDRESS_B = "127.0.0.3";
    private static final long AS_A = 65001;
    private static final long AS_B = 65002;
    private static final int MAX_ROUTES = 1_000_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--routes", paramLabel = "N", defaultValue = "10000",
            description = "IPv4 /24s each side announces (default: ${DEFAULT-VALUE}, at most " + MAX_ROUTES + ").")
    int routes;

    @Option(names = "--reactors", paramLabel = "A,B", split = ",", defaultValue = "selector,netty",
            description = "The reactors of the two sides (default: ${DEFAULT-VALUE}).")
    List<String> reactors;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "trace, debug, info, warn, error or off (default: warn, so only the summary shows).")
    String logLevel;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String usage = checkUsage();
        if (usage != null) {
            err.println("twinbgp demo: " + usage);
            err.flush();
            return BAD_USAGE;
        }
        Logging.setLevel(Logger.ROOT_LOGGER_NAME, logLevel == null ? "warn" : logLevel);
        InetAddress a = address(ADDRESS_A);
        InetAddress b = address(ADDRESS_B);
        int port = FreePort.on(a, b);
        List<Route> tableA = DemoTable.ipv4(11, routes, AS_A, a.getAddress());
        List<Route> tableB = DemoTable.ipv4(101, routes, AS_B, b.getAddress());
        DemoSide sideA = new DemoSide();
        DemoSide sideB = new DemoSide();
        List<BgpSpeaker> speakers = new ArrayList<>(2);
        long start = System.nanoTime();
        try {
            // B listens (passive only), A connects (active only): one connection, no collision to resolve.
            speakers.add(BgpSpeaker.start(reactors.get(1), ReactorConfig.defaults(),
                    List.of(new PeerSettings(a, port, b, port, session(AS_B, AS_A, b).passive(true).active(false).build(),
                            true, false, tableB)), sideB));
            speakers.add(BgpSpeaker.start(reactors.get(0), ReactorConfig.defaults(),
                    List.of(new PeerSettings(b, port, a, port, session(AS_A, AS_B, a).passive(false).active(true).build(),
                            true, false, tableA)), sideA));
            PeerDriver peerA = speakers.get(1).peer(ADDRESS_B);
            PeerDriver peerB = speakers.get(0).peer(ADDRESS_A);
            long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            long[] held = {0, 0};
            while (true) {
                held[0] = ribSize(peerA);
                held[1] = ribSize(peerB);
                if (held[0] == routes && held[1] == routes) {
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    err.printf(Locale.ROOT, "twinbgp demo: FAILED: after %d s, %s (%s) holds %d of %d routes from %s and %s (%s)"
                                    + " holds %d of %d from %s; states A: %s, B: %s%s%n",
                            timeoutSeconds, ADDRESS_A, reactors.get(0), held[0], routes, ADDRESS_B,
                            ADDRESS_B, reactors.get(1), held[1], routes, ADDRESS_A, sideA.states(), sideB.states(),
                            sideA.lastDown() == null ? "" : "; last down: " + sideA.lastDown());
                    err.flush();
                    return FAILED;
                }
                Thread.sleep(5);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            out.print(summary(sideA, sideB, held, elapsed));
            out.flush();
            return OK;
        } catch (IOException | RuntimeException e) {
            err.println("twinbgp demo: FAILED: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            err.flush();
            return FAILED;
        } finally {
            speakers.forEach(BgpSpeaker::close);
        }
    }

    private String checkUsage() {
        if (routes < 1 || routes > MAX_ROUTES) {
            return "--routes must be 1.." + MAX_ROUTES + ": " + routes;
        }
        if (reactors.size() != 2) {
            return "--reactors takes two names, e.g. selector,netty";
        }
        List<String> available = Reactors.available();
        for (String r : reactors) {
            if (!available.contains(r)) {
                return "unknown reactor '" + r + "'; available: " + String.join(", ", available);
            }
        }
        if (timeoutSeconds < 1) {
            return "--timeout must be at least 1 second: " + timeoutSeconds;
        }
        if (logLevel != null && !Logging.isLevel(logLevel)) {
            return "unknown log level '" + logLevel + "'; use one of " + String.join(", ", Logging.LEVELS);
        }
        return null;
    }

    private String summary(DemoSide sideA, DemoSide sideB, long[] held, double elapsed) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "twinbgp demo: %,d IPv4 /24 routes each way over loopback%n", routes));
        side(s, "A", ADDRESS_A, AS_A, reactors.get(0), sideA, held[0]);
        side(s, "B", ADDRESS_B, AS_B, reactors.get(1), sideB, held[1]);
        s.append(String.format(Locale.ROOT, "  both sides hold the other's full table after %.3f s%n", elapsed));
        return s.toString();
    }

    private void side(StringBuilder s, String label, String address, long asn, String reactor, DemoSide side, long received) {
        s.append(String.format(Locale.ROOT, "  %s %s AS%d on the %s reactor%n", label, address, asn, reactor));
        s.append(String.format(Locale.ROOT, "      states:   %s%n", side.states()));
        s.append(String.format(Locale.ROOT, "      sent:     %,d prefixes in %,d UPDATEs%n", side.prefixesSent(), side.updatesSent()));
        s.append(String.format(Locale.ROOT, "      received: %,d prefixes in %,d UPDATEs%n", received, side.updatesReceived()));
    }

    private static SessionConfig.Builder session(long localAs, long peerAs, InetAddress routerId) {
        long localId = new dev.twinbgp.speaker.config.IpAddress(routerId.getAddress()).toUnsignedInt();
        return SessionConfig.builder(localAs, peerAs, localId)
                .holdTime(90).connectRetryTime(1)
                .families(List.of(Family.IPV4_UNICAST));
    }

    private static long ribSize(PeerDriver peer) {
        try {
            return peer.query(() -> peer.adjRibIn().size()).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
