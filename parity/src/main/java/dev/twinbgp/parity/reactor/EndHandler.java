package dev.twinbgp.parity.reactor;

import dev.twinbgp.reactor.Connection;
import dev.twinbgp.reactor.ConnectionHandler;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * The handler of one end of a program's pair: records its callbacks in its stream, checks that the bytes
 * it receives are the other end's stream in order ({@link #content}), and that no data arrives while a
 * pause it asked for is in force ({@link #paused}, set on the loop once the pause has taken effect).
 */
final class EndHandler implements ConnectionHandler {
    final String stream;
    private final ProgramTrace trace;
    /** Key of the bytes this end receives (the other end's stream). */
    private final long peerKey;
    final CompletableFuture<Connection> opened = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Bytes handed to write() by this end so far (by the caller, in program order). */
    volatile long written;
    volatile long received;
    /** Loop: a pause of ours is in force (set after it took effect, cleared before resuming). */
    volatile boolean paused;
    /** The accepted end only: the remote and local address its HandlerFactory was given. */
    volatile java.net.InetSocketAddress[] factoryAddresses;
    private boolean corrupt;
    private boolean dataWhilePaused;

    EndHandler(String stream, ProgramTrace trace, long peerKey) {
        this.stream = stream;
        this.trace = trace;
        this.peerKey = peerKey;
    }

    /** Byte {@code offset} of the stream {@code key} (a pair end's writes are this stream, in order). */
    static byte content(long key, long offset) {
        long z = key + offset * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (byte) (z ^ (z >>> 33));
    }

    @Override
    public void onOpen(Connection connection) {
        trace.onLoop(stream, "open");
        opened.complete(connection);
    }

    @Override
    public void onData(Connection connection, ByteBuffer data) {
        if (paused && !dataWhilePaused) {
            dataWhilePaused = true;
            trace.violation(stream, "onData while reading was paused");
        }
        long at = received;
        int n = data.remaining();
        for (int i = 0; i < n && !corrupt; i++) {
            if (data.get(data.position() + i) != content(peerKey, at + i)) {
                corrupt = true;
                trace.violation(stream, "byte " + (at + i) + " is not the peer's byte " + (at + i));
            }
        }
        data.position(data.limit());
        received = at + n;
        trace.checkLoop(stream, "onData");
    }

    @Override
    public void onWritabilityChanged(Connection connection, boolean writable) {
        trace.onLoop(stream, "writable " + writable);
    }

    @Override
    public void onClose(Connection connection, Throwable cause) {
        trace.onLoop(stream, "closed " + (cause == null ? "locally"
                : cause instanceof EOFException ? "by the peer (EOF)" : "with " + cause.getClass().getSimpleName()));
        closed.complete(null);
    }

    @Override
    public void onConnectFailed(Throwable cause) {
        trace.onLoop(stream, "connect failed: " + cause.getClass().getSimpleName());
        opened.completeExceptionally(cause);
        closed.complete(null);
    }
}
