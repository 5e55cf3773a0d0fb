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
 * {@code twinbgp demo}: two speakers in this process (or three, in a full mesh), by default on the
 * selector and netty reactors, peer over loopback (127.0.0.2, 127.0.0.3, 127.0.0.4), each announce
 * a generated IPv4 table to the others, and the command prints how it went: the reactor of each
 * side, the states reached, prefixes sent and received per session, and the time from start until
 * every side holds each other side's full table.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Two (or three) speakers in one process, one per reactor, peer over loopback"
                + " (127.0.0.2, 127.0.0.3, 127.0.0.4), exchange a generated table of IPv4 /24s both ways,"
                + " and print a summary: reactors, states, prefixes sent and received, elapsed time.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every side holds each other side's full table",
            "1:they did not within the timeout (or could not start)",
            "2:bad usage"})
final class DemoCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_USAGE = 2;
    private static final long AS_FIRST = 65001;
    private static final int MAX_ROUTES = 1_000_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--routes", paramLabel = "N", defaultValue = "10000",
            description = "IPv4 /24s each side announces (default: ${DEFAULT-VALUE}, at most " + MAX_ROUTES + ").")
    int routes;

    @Option(names = "--reactors", paramLabel = "A,B[,C]", hideParamSyntax = true, split = ",", defaultValue = "selector,netty",
            description = "The reactors of the two or three sides (default: ${DEFAULT-VALUE}; three peer in a full mesh).")
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
        int n = reactors.size();
        InetAddress[] addresses = new InetAddress[n];
        for (int i = 0; i < n; i++) addresses[i] = address(address(i));
        int port = FreePort.on(addresses);
        List<DemoListener> listeners = new ArrayList<>(n);
        List<BgpSpeaker> speakers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            listeners.add(new DemoListener());
            speakers.add(null);
        }
        long start = System.nanoTime();
        try {
            // Every pair peers once: the later side listens (passive only), the earlier connects
            // (active only): one connection per pair, no collision to resolve. Listeners start first.
            for (int i = n - 1; i >= 0; i--) {
                List<Route> table = DemoTable.ipv4(i == 0 ? 11 : 101 + 90 * (i - 1), routes, as(i), addresses[i].getAddress());
                List<PeerSettings> peers = new ArrayList<>();
                for (int j = 0; j < n; j++) {
                    if (j == i) continue;
                    boolean active = i < j;
                    peers.add(new PeerSettings(addresses[j], port, addresses[i], port,
                            session(as(i), as(j), addresses[i]).passive(!active).active(active).build(), true, false, table));
                }
                speakers.set(i, BgpSpeaker.start(reactors.get(i), ReactorConfig.defaults(), peers, listeners.get(i)));
            }
            long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            long[][] held = new long[n][n];
            while (true) {
                boolean all = true;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        if (j == i) continue;
                        held[i][j] = ribSize(speakers.get(i).peer(address(j)));
                        all &= held[i][j] == routes;
                    }
                }
                if (all) break;
                if (System.nanoTime() - deadline > 0) {
                    err.print(failure(speakers, listeners, held));
                    err.flush();
                    return FAILED;
                }
                Thread.sleep(5);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            out.print(summary(speakers, listeners, held, elapsed));
            out.flush();
            return OK;
        } catch (IOException | RuntimeException e) {
            err.println("twinbgp demo: FAILED: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            err.flush();
            return FAILED;
        } finally {
            speakers.stream().filter(java.util.Objects::nonNull).forEach(BgpSpeaker::close);
        }
    }

    /** Side i: A, B, C. */
    private static String label(int i) {
        return String.valueOf((char) ('A' + i));
    }

    /** Side i's address: 127.0.0.2, .3, .4. */
    private static String address(int i) {
        return "127.0.0." + (2 + i);
    }

    private static long as(int i) {
        return AS_FIRST + i;
    }

    private String checkUsage() {
        if (routes < 1 || routes > MAX_ROUTES) {
            return "--routes must be 1.." + MAX_ROUTES + ": " + routes;
        }
        if (reactors.size() != 2 && reactors.size() != 3) {
            return "--reactors takes two or three names, e.g. selector,netty or selector,netty,virtual";
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

    private String failure(List<BgpSpeaker> speakers, List<DemoListener> listeners, long[][] held) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "twinbgp demo: FAILED: after %d s,", timeoutSeconds));
        String sep = " ";
        for (int i = 0; i < held.length; i++) {
            for (int j = 0; j < held.length; j++) {
                if (j == i) continue;
                DemoSide side = listeners.get(i).side(speakers.get(i).peer(address(j)));
                s.append(sep).append(String.format(Locale.ROOT, "%s (%s) holds %d of %d routes from %s, states %s%s",
                        address(i), reactors.get(i), held[i][j], routes, address(j), side.states(),
                        side.lastDown() == null ? "" : ", last down: " + side.lastDown()));
                sep = "; ";
            }
        }
        return s.append(System.lineSeparator()).toString();
    }

    private String summary(List<BgpSpeaker> speakers, List<DemoListener> listeners, long[][] held, double elapsed) {
        int n = reactors.size();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "twinbgp demo: %,d IPv4 /24 routes each way over loopback%s%n", routes,
                n == 2 ? "" : ", " + n + " speakers in a full mesh"));
        for (int i = 0; i < n; i++) {
            s.append(String.format(Locale.ROOT, "  %s %s AS%d on the %s reactor%n", label(i), address(i), as(i), reactors.get(i)));
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                String indent = "      ";
                if (n > 2) {
                    s.append(String.format(Locale.ROOT, "    with %s %s (%s)%n", label(j), address(j), reactors.get(j)));
                    indent = "        ";
                }
                DemoSide side = listeners.get(i).side(speakers.get(i).peer(address(j)));
                s.append(String.format(Locale.ROOT, "%sstates:   %s%n", indent, side.states()));
                s.append(String.format(Locale.ROOT, "%ssent:     %,d prefixes in %,d UPDATEs%n", indent, side.prefixesSent(), side.updatesSent()));
                s.append(String.format(Locale.ROOT, "%sreceived: %,d prefixes in %,d UPDATEs%n", indent, held[i][j], side.updatesReceived()));
            }
        }
        s.append(String.format(Locale.ROOT, n == 2 ? "  both sides hold the other's full table after %.3f s%n"
                : "  every side holds each other side's full table after %.3f s%n", elapsed));
        return s.toString();
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
