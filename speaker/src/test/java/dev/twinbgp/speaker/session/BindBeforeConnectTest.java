package dev.twinbgp.speaker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.reactor.ReactorConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The speaker binds its listening sockets before any peer sees a connection from it: a listening address in use
 * fails {@link BgpSpeaker#start} (and {@link BgpSpeaker#addPeer}) while every other peer's connect is still held,
 * so nothing reached a peer (a new user's {@code twinbgp run} had a session in OpenConfirm when it exited 1 for a
 * port in use). Each peer's listening socket is a plain {@link ServerSocketChannel} asked only after the failure:
 * a connection we had opened would wait in its accept queue, even one closed since, so nothing here waits on time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BindBeforeConnectTest {

    private static PeerSettings connecting(String peer, int port) {
        return new PeerSettings(TestRoutes.address(peer), port, TestRoutes.address("127.0.0.1"), 0,
                TestRoutes.session(65001, 65002, "127.0.0.1").active(true).passive(false).build(), false, false, List.of());
    }

    private static PeerSettings listening(String peer, int port) {
        return new PeerSettings(TestRoutes.address(peer), port, TestRoutes.address("127.0.0.1"), port,
                TestRoutes.session(65001, 65002, "127.0.0.1").active(false).passive(true).build(), false, false, List.of());
    }

    private static ServerSocketChannel peerSocket() throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open();
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        return s;
    }

    private static int port(ServerSocketChannel s) {
        return s.socket().getLocalPort();
    }

    /** The connection the speaker opened to this socket, if any (it is in the accept queue by now). */
    private static SocketChannel seen(ServerSocketChannel s) throws IOException {
        s.configureBlocking(false);
        return s.accept();
    }

    @ParameterizedTest
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void aListeningPortInUseFailsTheStartBeforeAnyPeerIsConnected(String reactor) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, TestRoutes.address("127.0.0.1"));
             ServerSocketChannel first = peerSocket(); ServerSocketChannel last = peerSocket()) {
            List<PeerSettings> peers = List.of(connecting("127.0.0.1", port(first)),
                    listening("127.0.0.5", taken.getLocalPort()), connecting("127.0.0.6", port(last)));
            RecordingListener events = new RecordingListener();
            IOException failed = assertThrows(IOException.class,
                    () -> BgpSpeaker.start(reactor, ReactorConfig.defaults(), peers, events));
            assertTrue(failed.getMessage().startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "),
                    failed.getMessage());
            assertNull(seen(first), "a peer configured before the listener saw no connection");
            assertNull(seen(last), "nor one after it");
        }
    }

    /**
     * {@code open} starts every FSM and binds, {@code connectPeers} opens the connections: in between, a peer
     * configured to connect is in Connect (RFC 4271 section 8.2.2) and has opened nothing; then it does.
     */
    @ParameterizedTest
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void openBindsAndStartsAndConnectPeersConnects(String reactor) throws Exception {
        try (ServerSocketChannel peer = peerSocket()) {
            int listen = Ports.freeOn("127.0.0.1");
            BgpSpeaker speaker = BgpSpeaker.open(reactor, ReactorConfig.defaults(),
                    List.of(connecting("127.0.0.1", port(peer)), listening("127.0.0.5", listen)), SessionListener.NONE);
            try {
                assertEquals(State.CONNECT, speaker.peer("127.0.0.1").state(), "started");
                assertEquals(State.ACTIVE, speaker.peer("127.0.0.5").state(), "started, listening");
                try (SocketChannel in = SocketChannel.open(new InetSocketAddress("127.0.0.1", listen))) {
                    assertTrue(in.isConnected(), "the listening socket is bound before any connect");
                }
                assertNull(seen(peer), "no connection before connectPeers()");
                speaker.connectPeers();
                peer.configureBlocking(true);
                try (SocketChannel out = peer.accept()) {
                    assertTrue(out.isConnected(), "connectPeers() opened it");
                }
            } finally {
                speaker.shutdown(Duration.ofSeconds(2));
            }
        }
    }

    /** The API's {@code create neighbor} (and a reload) on a port in use: refused, the peer forgotten, nothing sent. */
    @ParameterizedTest
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void anAddedPeerWhosePortIsInUseIsForgottenAndNeverConnects(String reactor) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, TestRoutes.address("127.0.0.1"));
             ServerSocketChannel peer = peerSocket()) {
            try (BgpSpeaker speaker = BgpSpeaker.start(reactor, ReactorConfig.defaults(), List.of(), SessionListener.NONE)) {
                PeerSettings both = new PeerSettings(TestRoutes.address("127.0.0.7"), port(peer),
                        TestRoutes.address("127.0.0.1"), taken.getLocalPort(),
                        TestRoutes.session(65001, 65002, "127.0.0.1").active(true).passive(true).build(), false, false,
                        List.of());
                assertThrows(IOException.class, () -> speaker.addPeer(both));
                assertEquals(List.of(), speaker.peers(), "forgotten");
                assertNull(speaker.peer("127.0.0.7"));
            }
            assertNull(seen(peer), "it never connected");
        }
    }
}
