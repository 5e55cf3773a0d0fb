package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.speaker.session.PeerDriver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether the tests against real daemons may run: they need {@code -Dtwinbgp.interop=true}
 * (set by {@code .ci/run} through {@code TWINBGP_INTEROP=true}) and the daemon's binaries.
 * Otherwise they report themselves skipped, saying why.
 */
final class Interop {
    /** Generous: daemons start, retry and converge in seconds, but this machine may be loaded. */
    static final Duration LONG = Duration.ofSeconds(90);
    /** Documentation address (RFC 5737): GoBGP treats a loopback next hop as invalid (treat-as-withdraw). */
    static final String OUR_NEXT_HOP = "192.0.2.1";
    static final int OUR_MED = 20;
    static final int OUR_COMMUNITY = 7;

    private Interop() {
    }

    static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Our session: IPv4 unicast, hold 9 s (keepalive 3 s), retry 1 s. */
    static SessionConfig.Builder session(long localAs, long peerAs, String routerId) {
        return SessionConfig.builder(localAs, peerAs, address(routerId).hashCode() & 0xFFFF_FFFFL)
                .holdTime(9).connectRetryTime(1).families(List.of(Family.IPV4_UNICAST));
    }

    /** {@code count} /24s {@code firstOctet}.{@code second}.i.0/24 from AS {@code asn}: IGP, MED 20, community asn:7. */
    static List<Route> routes(int firstOctet, int second, int count, long asn) {
        Attributes attrs = Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(asn),
                new Attribute.MultiExitDisc(OUR_MED), new Attribute.Communities(List.of(asn << 16 | OUR_COMMUNITY)));
        Path path = new Path(attrs, address(OUR_NEXT_HOP).getAddress());
        List<Route> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new Route(Prefix.ipv4(firstOctet << 24 | second << 16 | i << 8, 24), path));
        }
        return out;
    }

    static <T> T query(PeerDriver peer, Supplier<T> what) {
        try {
            return peer.query(what).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Polls until {@code condition} holds; never asserts speed, only avoids hanging. */
    static void until(String what, BooleanSupplier condition, Supplier<String> context) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; " + context.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    static void assumeDaemon(String... binaries) {
        assumeTrue(Boolean.getBoolean("twinbgp.interop"),
                "interop tests need real daemons: run with TWINBGP_INTEROP=true (as .ci/run does) after 'apt-get install bird2 gobgpd frr'");
        for (String b : binaries) {
            assumeTrue(onPath(b), "'" + b + "' is not installed (apt-get install bird2 gobgpd frr)");
        }
    }

    static boolean onPath(String binary) {
        return ExternalDaemon.installed(binary);
    }
}
