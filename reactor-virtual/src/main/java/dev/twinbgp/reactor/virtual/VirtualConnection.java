package dev.twinbgp.reactor.virtual;

import dev.twinbgp.reactor.Connection;
import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.EventLoop;
import dev.twinbgp.reactor.OutputOverflowException;
import dev.twinbgp.reactor.spi.OutputBudget;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking {@link SocketChannel} served by two virtual threads, with every callback on its
 * {@link VirtualLoop}:
 * <pre>
 *   reader thread:  take ReadPermit -> channel.read(buf) (parks) -> loop task: onData(buf) -> grant
 *   writer thread:  OutputQueue.take (parks) -> gathering channel.write (parks while the socket
 *                   is full) -> progress -> loop task: OutputBudget.removed(bytes), maybe
 *                   onWritabilityChanged(true)
 *   loop thread:    write() counts and queues; close() waits for the writer to drain; abort()
 *                   closes the channel, which ends both threads' blocking calls.
 * </pre>
 * A failed write ends the writer thread only (see {@link ConnectionHandler#onClose}): after a peer's RST the
 * kernel keeps what arrived before it readable, so the reader goes on, as the loop grants, until EOF or an error.
 * State below marked "loop" is touched on the loop thread only; calls from other threads are
 * queued onto it, so they take effect in call order as on the other reactors.
 */
final class VirtualConnection implements Connection {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualConnection.class);
    /** Upper bound on buffers gathered into one write() call (as the selector reactor). */
    static final int MAX_GATHER = 64;

    private final VirtualLoop loop;
    private final SocketChannel channel;
    private final ConnectionHandler handler;
    private final OutputBudget budget;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final ReadPermit readPermit = new ReadPermit();
    private final OutputQueue output = new OutputQueue();
    /** Set while an absorbFlushed task is queued on the loop. */
    private final AtomicBoolean absorbQueued = new AtomicBoolean();
    /** loop: the part of {@code output.flushed()} already taken off the budget. */
    private long absorbed;
    /** loop: pauseReading() is in force. */
    private boolean readPaused;
    /** loop: the reader holds a permit (it is reading, or its data is on the way to the loop). */
    private boolean readInFlight;
    /** loop: data that arrived while reading was paused, delivered on resumeReading(). */
    private ByteBuffer held;
    /** loop: EOF or a read error that came while reading was paused, reported on resumeReading(). */
    private Throwable heldFailure;
    /** A write failed (or the read side had ended before): output stopped; onClose gets this. Read any thread. */
    private volatile Throwable writeFailure;
    /** close() was called: no more reads or writes, close once output is flushed. */
    private volatile boolean closing;
    private volatile boolean closed;

    VirtualConnection(VirtualLoop loop, SocketChannel channel, ConnectionHandler handler) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.handler = handler;
        this.budget = new OutputBudget(loop.config);
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
    }

    /** Opens: starts the reader and writer threads, calls onOpen, lets the reader read. Loop thread. */
    void start() {
        loop.opened(this);
        // Both threads first: writes made in onOpen may wait for the writer (OutputQueue.awaitKernel).
        // If onOpen closes the connection, they find it closed and end.
        loop.spawn("write-" + remote, this::writeLoop);
        loop.spawn("read-" + remote, this::readLoop);
        try {
            handler.onOpen(this);
        } catch (Throwable e) {
            closeWith(e);
        }
        grantRead();
    }

    // ---- reader thread ------------------------------------------------------------------------

    private void readLoop() {
        ReadSizer sizer = new ReadSizer(loop.config.readBudgetBytes());
        ByteBuffer buf = null;
        try {
            while (readPermit.take()) {
                if (buf == null || buf.capacity() != sizer.next()) buf = ByteBuffer.allocate(sizer.next());
                buf.clear();
                int n;
                do {
                    n = channel.read(buf); // parks this virtual thread until bytes, EOF or close
                } while (n == 0);
                if (n < 0) {
                    loop.offer(() -> readFailed(new EOFException("connection closed by peer")));
                    return;
                }
                sizer.record(n);
                buf.flip();
                ByteBuffer data = buf;
                // The loop grants the next read after onData returned: until then buf is not reused.
                if (!loop.offer(() -> arrived(data))) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            // After our own close (abort, overflow, shutdown) this is an AsynchronousCloseException
            // that closeWith ignores; otherwise the socket failed (reset, ...).
            if (!closed) loop.offer(() -> readFailed(e));
        }
    }

    /**
     * Loop thread: EOF or a read error. During a graceful close it is ignored, as on the selector
     * reactor (which stops reading then): the flush goes on, and fails by itself if the peer is gone.
     */
    private void readFailed(Throwable cause) {
        readInFlight = false;
        if (closing || closed) return;
        if (readPaused) {
            // Paused, the other reactors do not read, so they notice EOF only after resumeReading().
            heldFailure = cause;
            return;
        }
        readEnded(cause);
    }

    /** Loop thread: EOF or a read error reached the handler's turn; a failed write before it is the cause. */
    private void readEnded(Throwable cause) {
        Throwable w = writeFailure;
        closeWith(w != null ? w : cause);
    }

    /** Loop thread: the reader's data is here. */
    private void arrived(ByteBuffer data) {
        readInFlight = false;
        if (closing || closed) return; // a graceful close stops reading: the bytes are dropped
        if (readPaused) {
            held = data;
            return;
        }
        deliver(data);
    }

    private void deliver(ByteBuffer data) {
        try {
            handler.onData(this, data);
        } catch (Throwable e) {
            closeWith(e);
            return;
        }
        grantRead();
    }

    /** Lets the reader read once more, unless paused, closing, or a read is already under way. Loop. */
    private void grantRead() {
        if (readPaused || closing || closed || readInFlight || held != null || heldFailure != null) return;
        readInFlight = true;
        readPermit.grant();
    }

    // ---- writer thread ------------------------------------------------------------------------

    private void writeLoop() {
        ByteBuffer[] batch = new ByteBuffer[MAX_GATHER];
        int[] sizes = new int[MAX_GATHER];
        try {
            int count;
            while ((count = output.take(batch)) > 0) {
                for (int i = 0; i < count; i++) sizes[i] = batch[i].remaining();
                int first = 0;
                while (first < count) {
                    // A blocking gathering write may take part of what is offered; it parks only while
                    // the socket's send buffer is full (that is the back-pressure from the peer).
                    output.writing(true);
                    channel.write(batch, first, count - first);
                    output.writing(false);
                    long completed = 0;
                    while (first < count && !batch[first].hasRemaining()) {
                        completed += sizes[first];
                        batch[first++] = null;
                    }
                    output.progressed(completed, first < count);
                    if (completed > 0) requestAbsorb();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            // Race: the loop may be in write() -> OutputQueue.awaitKernel right now, or enter it before it runs
            // writeFailed, waiting for this thread, which will never take or write again (it stays "busy"):
            // closing the queue here ends that wait. What is queued is dropped, as writeFailed would.
            output.close();
            if (!closed) loop.offer(() -> writeFailed(e));
        }
    }

    /**
     * Loop thread: the writer failed (typically ECONNRESET or EPIPE: the peer reset the connection). What the
     * peer sent before its RST is still readable, so only output stops: queued output is dropped, later writes
     * too, and the reader goes on (as the handler allows) until the read side ends. During a graceful close
     * reading has stopped already: the connection closes now.
     */
    private void writeFailed(Throwable e) {
        if (closed) return;
        if (closing) {
            closeWith(e);
            return;
        }
        // The first failure is the cause: a read side's end met before (held while paused) came first.
        writeFailure = heldFailure != null ? heldFailure : e;
        output.close();
        budget.removed(budget.pending()); // no writability callback: isWritable() stays false from now on
        LOG.debug("{}: write failed, reading what is left: {}", this, e.toString());
    }

    /** Writer thread: asks the loop to count what was flushed (one task at a time, not one per write). */
    private void requestAbsorb() {
        if (absorbQueued.compareAndSet(false, true)) loop.offer(this::absorbFlushed);
    }

    /** Loop thread: counts flushed output, reports writability, ends a graceful close once all is out. */
    private void absorbFlushed() {
        absorbQueued.set(false);
        if (closed || writeFailure != null) return;
        if (absorb()) notifyWritability(true);
        if (closing && !closed && budget.pending() == 0) closeWith(null);
    }

    /** Loop thread: takes the writer's progress into the budget; true when that made it writable. */
    private boolean absorb() {
        if (writeFailure != null) return false; // the budget was emptied when the write failed
        long flushed = output.flushed();
        long delta = flushed - absorbed;
        absorbed = flushed;
        return delta > 0 && budget.removed(delta);
    }

    // ---- Connection (any thread; queued onto the loop) -----------------------------------------

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
        if (budget.writable()) {
            // While writable, absorbing cannot change writability, so no callback re-enters here.
            absorb();
            if (budget.pending() + size > loop.config.writeHighWater()) {
                try {
                    output.awaitKernel();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                absorb();
            }
        }
        OutputOverflowException overflow = budget.overflow(size);
        if (overflow != null) {
            closeWith(overflow);
            return;
        }
        output.add(data);
        if (budget.added(size)) notifyWritability(false);
    }

    private void notifyWritability(boolean writable) {
        if (closing || closed) return;
        try {
            handler.onWritabilityChanged(this, writable);
        } catch (Throwable e) {
            closeWith(e);
        }
    }

    @Override
    public void close() {
        if (!loop.inLoop()) {
            loop.execute(this::close);
            return;
        }
        if (closing || closed) return;
        closing = true;
        held = null;
        readPermit.close();
        absorb(); // closing: no writability callback follows from it
        if (budget.pending() == 0) closeWith(null);
    }

    @Override
    public void abort() {
        if (!loop.inLoop()) {
            loop.execute(this::abort);
            return;
        }
        closeWith(null);
    }

    /**
     * Closes now and tells the handler, exactly once. Closing the channel makes a read or write
     * parked in it throw (AsynchronousCloseException); the threads then see {@code closed} and end.
     * Loop thread.
     */
    void closeWith(Throwable cause) {
        if (closed) return;
        closed = true;
        closing = true;
        loop.closed(this);
        held = null;
        readPermit.close();
        output.close();
        VirtualReactor.closeQuietly(channel);
        budget.removed(budget.pending());
        if (cause != null) LOG.debug("{}: closed: {}", this, cause.toString());
        try {
            handler.onClose(this, cause);
        } catch (Throwable e) {
            LOG.warn("{}: onClose handler failed", this, e);
        }
    }

    @Override
    public void pauseReading() {
        if (!loop.inLoop()) {
            loop.execute(this::pauseReading);
            return;
        }
        // A read already under way completes; its data is held until resumeReading().
        readPaused = true;
    }

    @Override
    public void resumeReading() {
        if (!loop.inLoop()) {
            loop.execute(this::resumeReading);
            return;
        }
        readPaused = false;
        if (closing || closed) return;
        ByteBuffer data = held;
        if (data != null) {
            held = null;
            deliver(data);
        } else if (heldFailure != null) {
            readEnded(heldFailure);
        } else {
            grantRead();
        }
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
        return "virtual-connection[" + local + " -> " + remote + "]";
    }
}
