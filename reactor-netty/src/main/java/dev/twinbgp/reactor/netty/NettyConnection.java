package dev.twinbgp.reactor.netty;

import dev.twinbgp.reactor.Connection;
import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.EventLoop;
import dev.twinbgp.reactor.OutputOverflowException;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.reactor.spi.OutputBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelOutputShutdownException;
import java.io.EOFException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Netty channel seen through {@link Connection}: the last (only) inbound handler of its pipeline.
 *
 * <p>The lifecycle is driven here, not by Netty's events, so both reactors behave alike:
 * {@code onClose} is called synchronously by close/abort/overflow (Netty would fire
 * channelInactive a task later), and writability comes from the shared {@link OutputBudget}
 * (Netty's own count adds a per-message overhead, so its marks would differ from the selector's).
 *
 * <p>A failed write stops output only (see {@link ConnectionHandler#onClose}): after a peer's RST the kernel
 * keeps what arrived before it readable. The channel runs with {@code AUTO_CLOSE} off, so Netty shuts down
 * its output on a write error instead of closing it, and reading goes on until EOF or a read error. Netty may
 * read ahead of a paused handler (epoll reads on EPOLLERR whatever autoRead says): those bytes, and the read
 * side's end, wait in {@link #held} and {@link #heldEnd} for resumeReading().
 */
final class NettyConnection extends ChannelInboundHandlerAdapter implements Connection {
    private static final Logger LOG = LoggerFactory.getLogger(NettyConnection.class);

    private final NettyLoop loop;
    private final ConnectionHandler handler;
    private final OutputBudget budget;
    private final AtomicBoolean decided;
    /** Data read before a pause took effect; delivered on resume. */
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    private Channel channel;
    private InetSocketAddress local;
    private InetSocketAddress remote;
    private boolean opened;
    private boolean readPaused;
    /** The read side ended (EOF or a read error) while reading was paused: reported on resumeReading(). */
    private Throwable heldEnd;
    /** A write failed (or the read side had ended before): output stopped; onClose gets this. */
    private volatile Throwable writeFailure;
    private volatile boolean closing;
    private volatile boolean closed;

    /**
     * @param decided for an outgoing connection, the attempt's outcome flag, shared with its failure listener and
     *                its {@code PendingConnect}: opening claims it; null for an accepted connection
     */
    NettyConnection(NettyLoop loop, ConnectionHandler handler, ReactorConfig config, AtomicBoolean decided) {
        this.loop = loop;
        this.handler = handler;
        this.budget = new OutputBudget(config);
        this.decided = decided;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (decided != null && !decided.compareAndSet(false, true)) {
            ctx.channel().close(); // cancelled while the handshake completed: never a connection for the handler
            return;
        }
        channel = ctx.channel();
        local = (InetSocketAddress) channel.localAddress();
        remote = (InetSocketAddress) channel.remoteAddress();
        opened = true;
        loop.opened(this);
        try {
            handler.onOpen(this);
        } catch (Throwable e) {
            closeWith(e);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        if (closing || closed) {
            buf.release();
        } else if (readPaused || !held.isEmpty()) {
            held.add(buf);
        } else {
            deliver(buf);
        }
    }

    /** Hands the bytes to the handler as a ByteBuffer view, then releases them. */
    private void deliver(ByteBuf buf) {
        try {
            ByteBuffer data;
            if (buf.nioBufferCount() == 1) {
                data = buf.nioBuffer();
            } else {
                data = ByteBuffer.allocate(buf.readableBytes());
                buf.getBytes(buf.readerIndex(), data);
                data.flip();
            }
            handler.onData(this, data);
        } catch (Throwable e) {
            closeWith(e);
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (opened) readEnded(new EOFException("connection closed by peer"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        readEnded(cause);
    }

    /**
     * EOF or a read error (Netty closes the channel after either). While the handler has reading paused it
     * waits, with the bytes read before it, for resumeReading(); a failed write before it is the cause.
     */
    private void readEnded(Throwable cause) {
        if (closed) return;
        if (!closing && (readPaused || !held.isEmpty())) {
            if (heldEnd == null) heldEnd = cause;
            return;
        }
        Throwable w = writeFailure;
        closeWith(w != null ? w : cause);
    }

    /**
     * A write failed (typically ECONNRESET or EPIPE: the peer reset the connection). What the peer sent
     * before its RST is still readable, so only output stops: later writes are dropped, and reading goes on
     * (as the handler allows) until the read side ends. During a graceful close reading has stopped
     * already: the connection closes now. Netty fails every write queued behind the failed one too.
     */
    private void writeFailed(Throwable cause) {
        // With AUTO_CLOSE off Netty shuts the output down and fails the writes with the error wrapped.
        Throwable e = cause instanceof ChannelOutputShutdownException && cause.getCause() != null ? cause.getCause() : cause;
        if (closed) return;
        if (closing) {
            closeWith(e);
            return;
        }
        if (writeFailure != null) return;
        // The first failure is the cause: a read side's end Netty met before (the channel is closed since, so
        // this write failed for that reason) came first.
        writeFailure = heldEnd != null ? heldEnd : e;
        budget.removed(budget.pending()); // no writability callback: isWritable() stays false from now on
        LOG.debug("{}: write failed, reading what is left: {}", this, e.toString());
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
        if (budget.added(size)) notifyWritability(false);
        if (closed) return;
        // The listener runs on the loop once the last byte went to the kernel (synchronously, if
        // the socket took it all at once - as the selector reactor does).
        channel.writeAndFlush(Unpooled.wrappedBuffer(data)).addListener(f -> {
            if (f.isSuccess()) {
                written(size);
            } else {
                writeFailed(f.cause());
            }
        });
    }

    private void written(int size) {
        if (closed || writeFailure != null) return;
        if (budget.removed(size)) notifyWritability(true);
        if (closing && budget.pending() == 0) closeWith(null);
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
        channel.config().setAutoRead(false);
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

    /** Closes now and tells the handler, exactly once. Loop thread. */
    private void closeWith(Throwable cause) {
        if (closed || !opened) return;
        closed = true;
        closing = true;
        loop.closed(this);
        ByteBuf b;
        while ((b = held.poll()) != null) b.release();
        channel.close();
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
        readPaused = true;
        if (!closed) channel.config().setAutoRead(false);
    }

    @Override
    public void resumeReading() {
        if (!loop.inLoop()) {
            loop.execute(this::resumeReading);
            return;
        }
        readPaused = false;
        ByteBuf b;
        while (!readPaused && !closing && (b = held.poll()) != null) deliver(b);
        if (readPaused || closing) return;
        if (heldEnd != null) {
            readEnded(heldEnd);
        } else {
            channel.config().setAutoRead(true);
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
        return "netty-connection[" + local + " -> " + remote + "]";
    }
}
