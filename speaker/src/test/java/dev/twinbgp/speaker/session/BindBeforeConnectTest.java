package dev.twinbgp.speaker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.EventLoop;
import dev.twinbgp.reactor.HandlerFactory;
import dev.twinbgp.reactor.Listener;
import dev.twinbgp.reactor.PendingConnect;
import dev.twinbgp.reactor.Reactor;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.reactor.Reactors;
import dev.twinbgp.reactor.SocketOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
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

    /**
     * A peer whose TCP MD5 key the kernel refuses once its listener is bound (here a listener that refuses every key,
     * over a real reactor and real sockets: the kernel's refusals - its socket option memory full, an address of
     * another family - cannot be provoked on demand): the peer is forgotten and the listener bound for it alone is
     * closed again, so the port is free for the next {@code create neighbor}.
     */
    @ParameterizedTest
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void anAddedPeerWhoseKeyIsRefusedLeavesNoListenerBound(String reactor) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.twinbgp.reactor.sockopt.LinuxSockets.unavailable() == null,
                () -> "a peer with a key is refused before any listener here: " + dev.twinbgp.reactor.sockopt.LinuxSockets.unavailable());
        int listen = Ports.freeOn("127.0.0.1");
        Reactor real = Reactors.create(reactor, ReactorConfig.defaults());
        try (BgpSpeaker speaker = BgpSpeaker.open(new KeyRefusing(real), List.of(), SessionListener.NONE)) {
            PeerSettings keyed = new PeerSettings(TestRoutes.address("127.0.0.8"), 179, TestRoutes.address("127.0.0.1"),
                    listen, TestRoutes.session(65001, 65002, "127.0.0.1").active(false).passive(true).build(), false, false,
                    List.of(), new SocketOptions("secret".getBytes(StandardCharsets.US_ASCII), 0, 0));
            IOException refused = assertThrows(IOException.class, () -> speaker.addPeer(keyed));
            assertEquals("key refused", refused.getMessage());
            assertEquals(List.of(), speaker.peers(), "forgotten");
            // the listener is closed: the port binds again (a reactor may close it on its loop: a few tries)
            try (ServerSocket again = bindSoon(listen)) {
                assertEquals(listen, again.getLocalPort());
            }
        }
    }

    private static ServerSocket bindSoon(int port) throws Exception {
        for (int i = 0; ; i++) {
            try {
                return new ServerSocket(port, 1, TestRoutes.address("127.0.0.1"));
            } catch (java.net.BindException inUse) {
                if (i == 100) throw inUse;
                Thread.sleep(50);
            }
        }
    }

    /** A real reactor whose listeners refuse any key or TTLs (what the kernel says when it refuses one). */
    private record KeyRefusing(Reactor real) implements Reactor {
        @Override
        public String name() {
            return real.name();
        }

        @Override
        public Listener listen(InetSocketAddress local, HandlerFactory factory) throws IOException {
            Listener l = real.listen(local, factory);
            return new Listener() {
                @Override
                public InetSocketAddress localAddress() {
                    return l.localAddress();
                }

                @Override
                public void peer(java.net.InetAddress remote, SocketOptions options) throws IOException {
                    if (!options.isNone()) throw new IOException("key refused");
                    l.peer(remote, options);
                }

                @Override
                public void close() {
                    l.close();
                }
            };
        }

        @Override
        public PendingConnect connect(EventLoop loop, InetSocketAddress remote, InetSocketAddress localBind,
                                      ConnectionHandler handler, Duration timeout, SocketOptions options) {
            return real.connect(loop, remote, localBind, handler, timeout, options);
        }

        @Override
        public EventLoop nextLoop() {
            return real.nextLoop();
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
