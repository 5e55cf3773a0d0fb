package dev.twinbgp.speaker.session;

import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.reactor.Connection;
import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.HandlerFactory;
import dev.twinbgp.reactor.Listener;
import dev.twinbgp.reactor.Reactor;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.reactor.Reactors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running BGP speaker: one reactor (chosen by name), a {@link PeerDriver} per configured peer,
 * and the listening sockets that hand each accepted connection to the peer whose address it
 * comes from. A connection from an address no peer has is refused (closed at once).
 */
public final class BgpSpeaker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BgpSpeaker.class);

    private final Reactor reactor;
    private final SessionListener listener;
    // Copy-on-write: loop threads read it on every accepted connection, the API adds and removes peers at run
    // time (create / delete neighbor) under this object's lock, publishing a new map each time.
    private volatile Map<String, PeerDriver> peers = Map.of();
    /**
     * The same peers by peer address, for {@link #accept}: published with {@link #peers} ({@link #publish}). An
     * accept used to scan every peer: with 10,000 peers that scan was a third of the loop's time while
     * sessions came up (a JFR profile of the netty reactor at 4,000 sessions), and every session that the
     * delay cost came back as another accept.
     */
    private volatile Map<InetAddress, List<PeerDriver>> byAddress = Map.of();
    private final List<Listener> listeners = new ArrayList<>();
    private final Map<InetSocketAddress, Listener> bound = new LinkedHashMap<>();
    private boolean closed;

    private BgpSpeaker(Reactor reactor, SessionListener listener) {
        this.reactor = reactor;
        this.listener = listener;
    }

    /**
     * Starts a speaker on the reactor called {@code reactorName} ({@code selector}, {@code netty}):
     * {@link #open} then {@link #connectPeers()}.
     *
     * @throws IllegalArgumentException for an unknown reactor name (the message lists the available ones)
     * @throws IOException              when a listening address cannot be bound
     */
    public static BgpSpeaker start(String reactorName, ReactorConfig config, List<PeerSettings> settings,
                                   SessionListener listener) throws IOException {
        BgpSpeaker speaker = open(reactorName, config, settings, listener);
        speaker.connectPeers();
        return speaker;
    }

    /**
     * The first half of {@link #start}: every peer's FSM started and every listening address bound, but no
     * outgoing connection opened yet - {@link #connectPeers()} opens them. So a listening address that cannot be
     * bound fails the start before any peer has seen a connection from us (a new user's {@code twinbgp run} on a
     * port in use had a session in OpenConfirm by the time it exited 1), and {@code twinbgp run} logs "listening
     * on" and "started" before the first connect can fail.
     *
     * @throws IllegalArgumentException for an unknown reactor name (the message lists the available ones)
     * @throws IOException              when a listening address cannot be bound (the reactor is closed again)
     */
    public static BgpSpeaker open(String reactorName, ReactorConfig config, List<PeerSettings> settings,
                                  SessionListener listener) throws IOException {
        return open(Reactors.create(reactorName, config), settings, listener);
    }

    /** {@link #open(String, ReactorConfig, List, SessionListener)} on a reactor made already (it is closed with the speaker). */
    static BgpSpeaker open(Reactor reactor, List<PeerSettings> settings, SessionListener listener) throws IOException {
        BgpSpeaker speaker = new BgpSpeaker(reactor, listener);
        try {
            Map<String, PeerDriver> all = new LinkedHashMap<>();
            for (PeerSettings s : settings) {
                checkSocketOptions(s);
                PeerDriver driver = new PeerDriver(s, speaker.reactor, speaker.reactor.nextLoop(), listener);
                if (all.putIfAbsent(s.name(), driver) != null) {
                    throw new IllegalArgumentException("peer " + s.name() + " is configured twice");
                }
            }
            speaker.publish(all);
            // Race: listening first let a connection arrive before the peer's loop had run the
            // queued Start; the FSM, Idle and not started, then refused it (RFC 4271 section 8.2.2)
            // and the peer had to retry. So every FSM is started - and each loop has run its Start
            // (the query is queued behind it) - before anything can be accepted. Their outgoing
            // connects wait (held in the driver) until the listeners are bound: connectPeers().
            speaker.peers.values().forEach(p -> p.start(true));
            for (PeerDriver p : speaker.peers.values()) {
                p.query(() -> null).join();
            }
            speaker.listen();
        } catch (IOException | RuntimeException e) {
            speaker.reactor.close();
            throw e;
        }
        return speaker;
    }

    /** The second half of {@link #start}: every peer opens the outgoing connection its FSM asked for, if it still wants it. */
    public synchronized void connectPeers() {
        if (closed) {
            return; // a stop (SIGTERM) came first: no peer is to see a connect followed at once by a Cease
        }
        peers.values().forEach(PeerDriver::releaseConnect);
    }

    private void listen() throws IOException {
        for (PeerDriver p : peers.values()) {
            listenFor(p.settings());
        }
    }

    /** Binds the listening address {@code s} needs, unless it is bound already or the peer does not listen. */
    private void listenFor(PeerSettings s) throws IOException {
        if (s.listenPort() == 0 || !s.session().passive()) {
            return;
        }
        InetAddress host = s.localAddress() != null ? s.localAddress() : InetAddress.getByAddress(new byte[4]);
        InetSocketAddress at = new InetSocketAddress(host, s.listenPort());
        Listener listening = bound.get(at);
        boolean opened = listening == null;
        if (opened) {
            try {
                listening = reactor.listen(at, this::accept);
            } catch (IOException e) {
                throw new IOException("cannot listen on " + at.getAddress().getHostAddress() + ":" + at.getPort()
                        + ": " + e.getMessage(), e);
            }
            bound.put(at, listening);
            listeners.add(listening);
            LOG.info("listening on {}:{}", at.getAddress().getHostAddress(), at.getPort());
        }
        if (!s.socket().isNone()) {
            // RFC 2385 / RFC 5082: the listening socket answers only this peer's signed SYN, and what it accepts
            // from the peer gets the TTLs before any BGP octet is read
            try {
                listening.peer(s.peerAddress(), s.socket());
            } catch (IOException | RuntimeException e) {
                unlisten(at, listening, opened, s);
                throw e;
            }
        }
    }

    /**
     * Undoes {@link #listenFor} for a peer whose key or TTLs the kernel refused: the peer is dropped (addPeer, open),
     * so a listener bound for it alone is closed again - left bound, it would accept connections for no neighbor and
     * keep the port from the next {@code create neighbor} - and one it shares with other peers forgets its options.
     */
    private void unlisten(InetSocketAddress at, Listener listening, boolean opened, PeerSettings s) {
        if (opened) {
            bound.remove(at);
            listeners.remove(listening);
            listening.close();
            LOG.info("stopped listening on {}:{}", at.getAddress().getHostAddress(), at.getPort());
            return;
        }
        try {
            listening.peer(s.peerAddress(), dev.twinbgp.reactor.SocketOptions.NONE);
        } catch (IOException | RuntimeException failed) {
            LOG.debug("peer {}: its options stay on {}: {}", s.name(), at, failed.getMessage());
        }
    }

    /**
     * A peer with an MD5 key or TTLs on a host that cannot set them is refused (one sentence why). Asked only for such
     * a peer: the answer initialises the foreign function API (its linker generates classes at run time), which a
     * daemon without MD5 or TTLs never needs (issue 18, peak RSS).
     */
    private static void checkSocketOptions(PeerSettings s) {
        if (s.socket().isNone()) {
            return;
        }
        String why = dev.twinbgp.reactor.sockopt.LinuxSockets.unavailable();
        if (why != null) {
            throw new IllegalArgumentException("neighbor " + s.name() + ": " + why);
        }
    }

    /** Takes a removed peer's key and TTLs off the listening socket it used. */
    private void forgetOptions(PeerSettings s) {
        if (s.socket().isNone()) {
            return;
        }
        for (Map.Entry<InetSocketAddress, Listener> e : bound.entrySet()) {
            if (e.getKey().getPort() == s.listenPort()) {
                try {
                    e.getValue().peer(s.peerAddress(), dev.twinbgp.reactor.SocketOptions.NONE);
                } catch (IOException failed) {
                    LOG.warn("peer {}: could not take its TCP MD5 key off {}: {}", s.name(), e.getKey(), failed.getMessage());
                }
            }
        }
    }

    private void publish(Map<String, PeerDriver> next) {
        Map<InetAddress, List<PeerDriver>> index = new java.util.HashMap<>();
        for (PeerDriver p : next.values()) {
            index.computeIfAbsent(p.settings().peerAddress(), a -> new ArrayList<>(1)).add(p);
        }
        index.replaceAll((a, list) -> List.copyOf(list));
        peers = java.util.Collections.unmodifiableMap(next);
        byAddress = index;
    }

    /** {@link HandlerFactory}: the peer configured for the remote address, if it listens here. */
    private ConnectionHandler accept(InetSocketAddress remote, InetSocketAddress local) {
        for (PeerDriver p : byAddress.getOrDefault(remote.getAddress(), List.of())) {
            PeerSettings s = p.settings();
            if (s.peerAddress().equals(remote.getAddress()) && s.listenPort() == local.getPort()
                    && (s.localAddress() == null || s.localAddress().equals(local.getAddress()))) {
                return p.newIncomingLink();
            }
        }
        LOG.info("refusing a connection from {}: no neighbor configured for it on {}", remote, local);
        return REFUSE;
    }

    private static final ConnectionHandler REFUSE = new ConnectionHandler() {
        @Override
        public void onOpen(Connection connection) {
            connection.abort();
        }

        @Override
        public void onData(Connection connection, ByteBuffer data) {
            data.position(data.limit());
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
        }
    };

    public String reactorName() {
        return reactor.name();
    }

    public List<PeerDriver> peers() {
        return List.copyOf(peers.values());
    }

    /**
     * Adds and starts a peer while the speaker runs (the API's {@code create neighbor}): it behaves exactly as a
     * configured one from then on.
     *
     * @throws IllegalArgumentException when a peer with this name exists, or the speaker is stopping
     * @throws IOException              when its listening address cannot be bound
     */
    public synchronized PeerDriver addPeer(PeerSettings s) throws IOException {
        if (closed) {
            throw new IllegalArgumentException("the speaker is stopping");
        }
        if (peers.containsKey(s.name())) {
            throw new IllegalArgumentException("neighbor " + s.name() + " exists already");
        }
        checkSocketOptions(s);
        PeerDriver driver = new PeerDriver(s, reactor, reactor.nextLoop(), listener);
        Map<String, PeerDriver> before = peers;
        Map<String, PeerDriver> next = new LinkedHashMap<>(before);
        next.put(s.name(), driver);
        driver.start(true); // no connect before its listening address is bound (see open)
        driver.query(() -> null).join(); // its Start has run before a connection can be accepted for it
        publish(next);
        try {
            listenFor(s);
        } catch (IOException | RuntimeException e) {
            // the peer never existed: nothing was sent to it, nothing is left running (a RuntimeException too:
            // a held connect is never left behind, unreleased, in a published peer)
            publish(new LinkedHashMap<>(before));
            driver.stop(ErrorCodes.CEASE_PEER_DECONFIGURED, null);
            throw e;
        }
        driver.releaseConnect();
        return driver;
    }

    /**
     * Stops a peer with Cease / Peer De-configured (RFC 4486 subcode 3) and forgets it (the API's
     * {@code delete neighbor}); the future completes when its connection is closed. Null when there is no such peer.
     */
    public CompletableFuture<Void> removePeer(String name) {
        return removePeer(name, ErrorCodes.CEASE_PEER_DECONFIGURED);
    }

    /** {@link #removePeer(String)} with another Cease subcode (a reload resets a changed neighbor with 6, RFC 4486). */
    public synchronized CompletableFuture<Void> removePeer(String name, int ceaseSubcode) {
        PeerDriver driver = peers.get(name);
        if (driver == null) {
            return null;
        }
        Map<String, PeerDriver> next = new LinkedHashMap<>(peers);
        next.remove(name);
        publish(next);
        forgetOptions(driver.settings());
        return driver.stop(ceaseSubcode, null);
    }

    /** The peer with this address (as written in the configuration), or null. */
    public PeerDriver peer(String address) {
        return peers.get(address);
    }

    /**
     * Stops every peer with Cease / Administrative Shutdown (RFC 4486 subcode 2), waits up to
     * {@code grace} for the NOTIFICATIONs to be written and the connections closed (a peer that
     * never answers delays nothing beyond that), then stops the reactor.
     */
    public void shutdown(Duration grace) {
        shutdown(grace, false);
    }

    /**
     * What {@code twinbgp run} does on SIGTERM: like {@link #shutdown(Duration)}, but a peer with
     * graceful restart (RFC 4724) negotiated is closed without a NOTIFICATION, so it keeps our routes
     * while the process restarts ({@link PeerDriver#stopForRestart()}); the others get the Cease.
     */
    public void shutdownForRestart(Duration grace) {
        shutdown(grace, true);
    }

    private synchronized void shutdown(Duration grace, boolean forRestart) {
        if (closed) {
            return;
        }
        closed = true;
        listeners.forEach(Listener::close);
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (PeerDriver p : peers.values()) {
            stops.add(forRestart ? p.stopForRestart() : p.stop(ErrorCodes.CEASE_ADMIN_SHUTDOWN, null));
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("some peers did not close within {} ms; closing anyway", grace.toMillis());
        } catch (ExecutionException e) {
            LOG.warn("stopping peers failed: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reactor.close();
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(2));
    }
}
