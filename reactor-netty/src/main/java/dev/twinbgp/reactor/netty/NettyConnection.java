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
        } else if (readPaused) {
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
        if (opened) closeWith(new EOFException("connection closed by peer"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeWith(cause);
    }

    @Override
    public void write(ByteBuffer data) {
        if (!loop.inLoop()) {
            loop.execute(() -> write(data));
            return;
        }
        if (closing || closed) {
            LOG.debug("{}: write of {} bytes after close dropped", this, data.remaining());
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
                closeWith(f.cause());
            }
        });
    }

    private void written(int size) {
        if (closed) return;
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
        if (!readPaused && !closing) channel.config().setAutoRead(true);
    }

    @Override
    public boolean isWritable() {
        return budget.writable() && !closing;
    }

    @Override
    public long pendingOutputBytes() {
        return budget.pending();
    }

    @Override
    public boolean isOpen() {
        return !closing;
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
