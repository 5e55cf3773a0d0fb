package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.reactor.SocketOptions;
import dev.twinbgp.reactor.sockopt.LinuxSockets;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import dev.twinbgp.speaker.session.Ports;
import dev.twinbgp.speaker.session.SessionListener;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TCP MD5 (RFC 2385) and GTSM (RFC 5082) against BIRD 2 and FRR on loopback, on every reactor.
 * BIRD is passive, so our connecting socket is what is tested (key and TTLs set before connect); FRR connects to
 * us, so our listening socket is (the key per peer address on it, the TTLs of the accepted socket, the SYN-ACK's
 * TTL). Each daemon first meets a wrong password and the session must stay down (absence can only be waited for:
 * {@link #DOWN_FOR}, nothing timed is asserted), then the right settings, and the session comes up. BIRD last meets
 * a TTL of 254 where its GTSM wants 255, which must stay down too; that comes last because BIRD then waits out its
 * hold time on a connection whose every segment, our FIN included, it drops.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TcpSecurityInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65071;
    static final long THEIR_AS = 65072;
    static final String PASSWORD = "twinbgp-secret";
    /** How long a session that must not come up is watched: several of both sides' 1 s connect retries. */
    static final long DOWN_FOR = 6_000;

    TcpSecurityInteropTest() {
        super("127.0.0.181", "127.0.0.182");
    }

    private ExternalDaemon daemon;
    private BgpSpeaker speaker;

    @BeforeEach
    void socketOptionsWork() {
        Assumptions.assumeTrue(LinuxSockets.unavailable() == null, () -> "not here: " + LinuxSockets.unavailable());
    }

    @AfterEach
    void stop() {
        if (speaker != null) {
            speaker.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    private static SocketOptions options(String password, int ttl, int minTtl) {
        return new SocketOptions(password.getBytes(StandardCharsets.US_ASCII), ttl, minTtl);
    }

    /** Starts our speaker with one peer; {@code listenPort} 0: we connect to {@code theirPort}, else we only listen. */
    private PeerDriver start(int theirPort, int listenPort, SocketOptions socket) throws Exception {
        if (speaker != null) {
            speaker.close();
        }
        boolean listens = listenPort != 0;
        PeerSettings settings = new PeerSettings(Interop.address(theirs()), theirPort, Interop.address(ours()), listenPort,
                Interop.session(OUR_AS, THEIR_AS, ours()).active(!listens).passive(listens).build(), true, false,
                Interop.routes(10, 71, 3, OUR_AS), socket);
        speaker = BgpSpeaker.start(reactor(), ReactorConfig.defaults(), List.of(settings), SessionListener.NONE);
        return speaker.peer(theirs());
    }

    /** Watches {@link #DOWN_FOR}: {@code up} must never hold. */
    private static void staysDown(java.util.function.BooleanSupplier up, ExternalDaemon daemon, String why)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DOWN_FOR);
        while (System.nanoTime() < end) {
            assertFalse(up.getAsBoolean(), () -> why + ": the session came up; " + daemon.log());
            Thread.sleep(200);
        }
    }

    @Test
    void birdWithPasswordAndGtsm() throws Exception {
        Interop.assumeDaemon("bird", "birdc");
        int theirPort = Ports.freeOn(theirs());
        Bird bird = new Bird(dir.resolve("bird"), theirs(), theirPort, THEIR_AS, ours(), Ports.freeOn(ours()), OUR_AS, 9, true)
                .withSecurity(PASSWORD, true);
        daemon = bird;
        bird.start();
        bird.await("BIRD up", Interop.LONG, () -> bird.birdc("show", "protocols").contains("peer"));

        PeerDriver wrongKey = start(theirPort, 0, options("not-the-password", 255, 255));
        staysDown(() -> wrongKey.state() == State.ESTABLISHED || bird.established(), bird, "wrong MD5 password");
        assertFalse(bird.established());

        PeerDriver peer = start(theirPort, 0, options(PASSWORD, 255, 255));
        bird.await("Established", Interop.LONG, bird::established);
        Interop.until("our side Established", () -> peer.state() == State.ESTABLISHED, bird::log);
        bird.await("our 3 routes in its table", Interop.LONG, () -> bird.receivedRouteBlocks().size() == 3);

        speaker.close(); // Cease, with TTL 255: BIRD is passive again
        bird.await("BIRD logs our Cease", Interop.LONG, () -> bird.log().contains("Received: Administrative shutdown"));
        // Only BIRD's side is watched here. Race: BIRD sets its minimum TTL on the connection it accepted just after
        // accepting it, so our OPEN, sent at once, may slip in before; BIRD then answers, and its OPEN and KEEPALIVE
        // (TTL 255) make our side Established for a moment - but our KEEPALIVE, a round trip later, is dropped, so
        // BIRD never is (our own accepted sockets have the same window, see ListenerOptions.accepted).
        start(theirPort, 0, options(PASSWORD, 254, 255));
        staysDown(bird::established, bird, "TTL 254 to a GTSM peer");
    }

    @Test
    void frrConnectingToUsWithPasswordAndGtsm() throws Exception {
        Assumptions.assumeTrue(Frr.installed(), "FRR is not installed (apt-get install frr)");
        Interop.assumeDaemon();
        int ourPort = Ports.freeOn(ours());
        int theirPort = Ports.freeOn(theirs()); // FRR's own listening port: we never connect to it
        Frr frr = new Frr(dir.resolve("frr"), theirs(), theirPort, THEIR_AS, ours(), ourPort, OUR_AS, 9, false)
                .withSecurity(PASSWORD, true);
        daemon = frr;
        frr.start();
        frr.await("FRR up", Interop.LONG, () -> frr.vtysh("show bgp summary").contains(ours()));

        PeerDriver wrongKey = start(theirPort, ourPort, options("not-the-password", 255, 255));
        staysDown(() -> wrongKey.state() == State.ESTABLISHED || frr.established(), frr, "wrong MD5 password");
        assertFalse(frr.established());

        PeerDriver peer = start(theirPort, ourPort, options(PASSWORD, 255, 255));
        frr.await("Established", Interop.LONG, frr::established);
        Interop.until("our side Established", () -> peer.state() == State.ESTABLISHED, frr::log);
        frr.await("our 3 routes received", Interop.LONG, () -> frr.prefixesReceived() == 3);
    }
}
