package dev.twinbgp.reactor.virtual;

import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.PendingConnect;
import dev.twinbgp.reactor.SocketOptions;
import dev.twinbgp.reactor.sockopt.LinuxSockets;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking connect on its own virtual thread, with the timeout of the socket's own
 * {@code connect(address, timeout)}. The outcome goes to the loop as a task; {@code decided}, claimed
 * once by the outcome (loop), by the reactor closing (loop) or by {@link #cancel()} (any thread), makes
 * exactly one of onOpen or onConnectFailed reach the handler, or neither after a cancel; a late result
 * of the thread is refused and its socket closed.
 */
final class OutgoingConnect implements PendingConnect {
    private static final Logger LOG = LoggerFactory.getLogger(OutgoingConnect.class);

    private final VirtualLoop loop;
    private final InetSocketAddress remote;
    private final InetSocketAddress localBind;
    private final ConnectionHandler handler;
    private final Duration timeout;
    private final SocketOptions options;
    private volatile SocketChannel channel;
    /** Set once: by the outcome or the reactor closing (loop), or by cancel() (any thread). */
    private final AtomicBoolean decided = new AtomicBoolean();

    OutgoingConnect(VirtualLoop loop, InetSocketAddress remote, InetSocketAddress localBind, ConnectionHandler handler, Duration timeout,
                    SocketOptions options) {
        this.loop = loop;
        this.remote = remote;
        this.localBind = localBind;
        this.handler = handler;
        this.timeout = timeout;
        this.options = options;
    }

    InetSocketAddress remote() {
        return remote;
    }

    /** Loop thread. */
    void start() {
        if (decided.get()) return; // cancelled before the loop got to it: no thread, no socket
        loop.connecting(this);
        loop.spawn("connect-" + remote, this::connect);
    }

    /** Connect thread: parks in connect until established, refused or timed out. */
    private void connect() {
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            channel = ch;
            // Race with failed() on the loop (the reactor closing) and with cancel(): each sets decided, then
            // reads channel; we set channel, then read decided (both volatile), so at least one side sees the
            // other. Without this check a close that came before channel was set left this thread parked in
            // connect() for the whole timeout (VirtualLoopIdleTest.closeLeavesNoThreadBehind under load).
            if (decided.get()) {
                VirtualReactor.closeQuietly(ch);
                return;
            }
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (localBind != null) ch.bind(localBind);
            if (!options.isNone()) LinuxSockets.beforeConnect(LinuxSockets.fd(ch), remote.getAddress(), options);
            ch.socket().connect(remote, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
            SocketChannel connected = ch;
            if (!loop.offer(() -> established(connected))) VirtualReactor.closeQuietly(connected);
        } catch (Throwable e) {
            if (ch != null) VirtualReactor.closeQuietly(ch);
            Throwable cause = normalize(e);
            loop.offer(() -> failed(cause));
        }
    }

    /** The same exception types as the other reactors: ConnectException / SocketTimeoutException. */
    private Throwable normalize(Throwable cause) {
        if (cause instanceof SocketTimeoutException) {
            SocketTimeoutException t = new SocketTimeoutException("connect to " + remote + " timed out after " + timeout.toMillis() + " ms");
            t.initCause(cause);
            return t;
        }
        if (cause instanceof ConnectException c && c.getClass() != ConnectException.class) {
            ConnectException plain = new ConnectException(c.getMessage());
            plain.initCause(c);
            return plain;
        }
        return cause;
    }

    /**
     * Any thread. The socket is closed before this returns, whichever thread calls: closing it ends a connect
     * parked in the kernel (its SYN unanswered) and the thread's late outcome finds {@code decided} set.
     */
    @Override
    public boolean cancel() {
        if (!decided.compareAndSet(false, true)) return false;
        SocketChannel ch = channel;
        if (ch != null) VirtualReactor.closeQuietly(ch);
        if (loop.inLoop()) {
            loop.connectDone(this);
        } else {
            loop.execute(() -> loop.connectDone(this));
        }
        return true;
    }

    private void established(SocketChannel ch) {
        if (!decided.compareAndSet(false, true)) {
            VirtualReactor.closeQuietly(ch); // failed, cancelled or the reactor closed meanwhile
            return;
        }
        loop.connectDone(this);
        VirtualConnection connection;
        try {
            connection = new VirtualConnection(loop, ch, handler);
        } catch (Throwable e) {
            VirtualReactor.closeQuietly(ch);
            report(e);
            return;
        }
        connection.start();
    }

    /** Loop thread. */
    void failed(Throwable cause) {
        if (!decided.compareAndSet(false, true)) return;
        loop.connectDone(this);
        SocketChannel ch = channel;
        if (ch != null) VirtualReactor.closeQuietly(ch); // ends a connect still parked
        report(cause);
    }

    private void report(Throwable cause) {
        try {
            handler.onConnectFailed(cause);
        } catch (Throwable e) {
            LOG.warn("onConnectFailed handler failed", e);
        }
    }
}
