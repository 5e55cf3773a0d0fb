package dev.twinbgp.reactor.selector;

import dev.twinbgp.reactor.Connection;
import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.EventLoop;
import dev.twinbgp.reactor.OutputOverflowException;
import dev.twinbgp.reactor.spi.OutputBudget;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-blocking {@link SocketChannel} on one {@link SelectorLoop}. OP_READ is set unless reading
 * is paused or a graceful close is under way; OP_WRITE only while output is queued.
 * All state is touched on the loop thread; calls from other threads are queued onto it.
 *
 * <p>A failed write stops output only (see {@link ConnectionHandler#onClose}): after a peer's RST the kernel
 * keeps what arrived before it readable, so reading goes on, under pauseReading, until EOF or a read error.
 */
final class SelectorConnection implements Connection, KeyHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SelectorConnection.class);

    /** A queued buffer and its size when written (it counts in full until fully sent). */
    private record Pending(ByteBuffer buffer, int size) {
    }

    private final SelectorLoop loop;
    private final SocketChannel channel;
    private final ConnectionHandler handler;
    private final OutputBudget budget;
    private final ArrayDeque<Pending> output = new ArrayDeque<>();
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private SelectionKey key;
    private boolean readPaused;
    private boolean flushing;
    /** A write failed: output stopped, reading goes on until the read side ends; onClose gets this. */
    private volatile IOException writeFailure;
    /** close() was called: no more reads or writes, close once output is flushed. */
    private volatile boolean closing;
    private volatile boolean closed;

    SelectorConnection(SelectorLoop loop, SocketChannel channel, ConnectionHandler handler) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.handler = handler;
        this.budget = new OutputBudget(loop.config);
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
    }

    /** Takes over {@code key} (already registered with this loop's selector) and opens. Loop thread. */
    void start(SelectionKey selectionKey) {
        this.key = selectionKey;
        key.attach(this);
        updateInterest();
        try {
            handler.onOpen(this);
        } catch (Throwable e) {
            closeWith(e);
        }
    }

    @Override
    public void ready(SelectionKey k) {
        if (k.isWritable()) flushOrFail();
        if (!closed && k.isValid() && k.isReadable()) read();
    }

    /**
     * Reads at most {@code readBudgetBytes} this pass so one flooding peer cannot hold the loop:
     * what is left stays in the kernel and the key is selected again next pass.
     */
    private void read() {
        ByteBuffer buf = loop.readBuffer;
        int budgetLeft = loop.config.readBudgetBytes();
        while (budgetLeft > 0 && !readPaused && !closing && !closed) {
            buf.clear().limit(Math.min(buf.capacity(), budgetLeft));
            int n;
            try {
                n = channel.read(buf);
            } catch (IOException e) {
                readEnded(e);
                return;
            }
            if (n < 0) {
                readEnded(new EOFException("connection closed by peer"));
                return;
            }
            if (n == 0) return;
            budgetLeft -= n;
            boolean drained = buf.hasRemaining();
            buf.flip();
            try {
                handler.onData(this, buf);
            } catch (Throwable e) {
                closeWith(e);
                return;
            }
            if (drained) return;
        }
    }

    @Override
    public void write(ByteBuffer data) {
        if (!loop.inLoop()) {
            loop.execute(() -> write(data));
            return;
        }
        if (closing || closed || writeFailure != null) {
            LOG.debug("{}: write of {} bytes after close or a failed write dropped", this, data.remaining());
            return;
        }
        int size = data.remaining();
        if (size == 0) return;
        OutputOverflowException overflow = budget.overflow(size);
        if (overflow != null) {
            closeWith(overflow);
            return;
        }
        output.add(new Pending(data, size));
        if (budget.added(size)) notifyWritability(false);
        if (!closed && !flushing && output.size() == 1) flushOrFail();
    }

    private void flushOrFail() {
        try {
            flush();
        } catch (IOException e) {
            if (!closed) writeFailed(e);
        }
    }

    /** Gathering write of queued buffers until the socket is full or the queue empty. */
    private void flush() throws IOException {
        if (flushing || closed) return;
        flushing = true;
        try {
            while (!output.isEmpty() && !closed) {
                int count = 0;
                long offered = 0;
                for (Pending p : output) {
                    if (count == SelectorLoop.MAX_GATHER) break;
                    loop.gather[count++] = p.buffer();
                    offered += p.buffer().remaining();
                }
                long written;
                try {
                    written = channel.write(loop.gather, 0, count);
                } finally {
                    java.util.Arrays.fill(loop.gather, 0, count, null);
                }
                long done = 0;
                while (!output.isEmpty() && !output.peek().buffer().hasRemaining()) done += output.poll().size();
                // Crossing under the low-water mark may make the handler write more (re-entering
                // write(), which only queues while 'flushing' is set); this loop then sends it.
                if (done > 0 && budget.removed(done)) notifyWritability(true);
                if (written < offered) break;
            }
        } finally {
            flushing = false;
        }
        if (closed) return;
        if (closing && output.isEmpty()) {
            closeWith(null);
        } else {
            updateInterest();
        }
    }

    private void notifyWritability(boolean writable) {
        if (closing || closed) return;
        try {
            handler.onWritabilityChanged(this, writable);
        } catch (Throwable e) {
            closeWith(e);
        }
    }

    private void updateInterest() {
        if (key == null || !key.isValid()) return;
        int ops = (readPaused || closing ? 0 : SelectionKey.OP_READ) | (output.isEmpty() ? 0 : SelectionKey.OP_WRITE);
        if (key.interestOps() != ops) key.interestOps(ops);
    }

    @Override
    public void close() {
        if (!loop.inLoop()) {
            loop.execute(this::close);
            return;
        }
        if (closing || closed) return;
        closing = true;
        if (output.isEmpty()) {
            closeWith(null);
        } else {
            updateInterest();
        }
    }

    @Override
    public void abort() {
        if (!loop.inLoop()) {
            loop.execute(this::abort);
            return;
        }
        closeWith(null);
    }

    /** EOF or a read error: the connection is over, with the write's failure as the cause if one came first. */
    private void readEnded(Throwable cause) {
        closeWith(writeFailure != null ? writeFailure : cause);
    }

    /**
     * A write failed (typically ECONNRESET or EPIPE: the peer reset the connection). What the peer sent
     * before its RST is still readable, so only output stops: queued output is dropped, later writes too, and
     * reading goes on (as the handler allows) until it ends. During a graceful close reading has stopped
     * already: the connection closes now.
     */
    private void writeFailed(IOException e) {
        if (closing) {
            closeWith(e);
            return;
        }
        writeFailure = e;
        output.clear();
        budget.removed(budget.pending()); // no writability callback: isWritable() stays false from now on
        LOG.debug("{}: write failed, reading what is left: {}", this, e.toString());
        updateInterest();
    }

    /** Closes now and tells the handler, exactly once. */
    void closeWith(Throwable cause) {
        if (closed) return;
        closed = true;
        closing = true;
        if (key != null) key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("{}: close", this, e);
        }
        output.clear();
        budget.removed(budget.pending());
        if (cause != null) LOG.debug("{}: closed: {}", this, cause.toString());
        try {
            handler.onClose(this, cause);
        } catch (Throwable e) {
            LOG.warn("{}: onClose handler failed", this, e);
        }
    }

    @Override
    public void failed(Throwable cause) {
        closeWith(cause);
    }

    @Override
    public void shutdown() {
        closeWith(null);
    }

    @Override
    public void pauseReading() {
        if (!loop.inLoop()) {
            loop.execute(this::pauseReading);
            return;
        }
        readPaused = true;
        updateInterest();
    }

    @Override
    public void resumeReading() {
        if (!loop.inLoop()) {
            loop.execute(this::resumeReading);
            return;
        }
        readPaused = false;
        updateInterest();
    }

    @Override
    public boolean isWritable() {
        return budget.writable() && isOpen();
    }

    @Override
    public long pendingOutputBytes() {
        return budget.pending();
    }

    @Override
    public boolean isOpen() {
        return !closing && writeFailure == null;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public EventLoop loop() {
        return loop;
    }

    @Override
    public String toString() {
        return "selector-connection[" + local + " -> " + remote + "]";
    }
}
