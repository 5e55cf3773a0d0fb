package dev.twinbgp.speaker.session;

import dev.twinbgp.bgp.fsm.Direction;
import dev.twinbgp.bgp.wire.MessageFramer;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.reactor.Connection;
import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.PendingConnect;
import dev.twinbgp.bgp.wire.Frame;
import dev.twinbgp.bgp.wire.WireError;
import dev.twinbgp.reactor.Timer;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One TCP connection of a peer (outgoing or incoming) as its {@link PeerDriver} sees it: the
 * reactor's callbacks, the framer for its byte stream, and what its session negotiated.
 *
 * <p>The reactor calls us on the connection's loop. An accepted connection may belong to another
 * loop than its peer's (a reactor with several loop threads): then each callback is handed to the
 * peer's loop, with a copy of the bytes, because the reactor reuses its read buffer after we return.
 * A detached link (the FSM closed or abandoned it) ignores everything but its final close.
 */
final class Link implements ConnectionHandler {
    final Direction via;
    final MessageFramer framer = new MessageFramer();
    private final PeerDriver driver;
    Connection connection;
    /** An outgoing attempt while it connects (cancelled by {@code PeerDriver.detach}); null once it opened or for an incoming link. */
    PendingConnect attempt;
    Negotiated negotiated = Negotiated.DEFAULT;
    boolean detached;
    boolean open;
    /** Receive back-pressure (see {@link PeerDriver}): we stopped reading; frames of the last chunk wait here. */
    boolean receivePaused;
    final ArrayDeque<Frame> held = new ArrayDeque<>();
    long heldBytes;
    WireError heldError;
    Timer recheck;
    /** Registered with a congested {@code Backlog}; runs on its consumer's thread, so it only queues the resume. */
    final Runnable resumeTask;

    Link(PeerDriver driver, Direction via) {
        this.driver = driver;
        this.via = via;
        this.resumeTask = () -> driver.loop().execute(() -> driver.resumeReceiving(this));
    }

    /** Forgets what receive back-pressure held: the connection is closing or closed. */
    void dropHeld() {
        held.clear();
        heldBytes = 0;
        heldError = null;
        receivePaused = false;
        if (recheck != null) {
            recheck.cancel();
            recheck = null;
        }
    }

    private boolean onPeerLoop() {
        return driver.loop().inLoop();
    }

    @Override
    public void onOpen(Connection c) {
        if (onPeerLoop()) {
            driver.linkOpened(this, c);
        } else {
            driver.loop().execute(() -> driver.linkOpened(this, c));
        }
    }

    @Override
    public void onData(Connection c, ByteBuffer data) {
        if (onPeerLoop()) {
            driver.linkData(this, data);
        } else {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
            driver.loop().execute(() -> driver.linkData(this, copy));
        }
    }

    @Override
    public void onWritabilityChanged(Connection c, boolean writable) {
        if (!writable) {
            return;
        }
        if (onPeerLoop()) {
            driver.pump();
        } else {
            driver.loop().execute(driver::pump);
        }
    }

    @Override
    public void onClose(Connection c, Throwable cause) {
        if (onPeerLoop()) {
            driver.linkClosed(this, cause);
        } else {
            driver.loop().execute(() -> driver.linkClosed(this, cause));
        }
    }

    @Override
    public void onConnectFailed(Throwable cause) {
        if (onPeerLoop()) {
            driver.connectFailed(this, cause);
        } else {
            driver.loop().execute(() -> driver.connectFailed(this, cause));
        }
    }

    @Override
    public String toString() {
        return via + (connection == null ? "" : " " + connection.localAddress() + "->" + connection.remoteAddress());
    }
}
