package dev.twinbgp.reactor.netty;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The I/O handler and channel classes of one Netty transport: NIO, or native epoll. */
record NettyTransport(String name, IoHandlerFactory ioHandlerFactory,
                      Class<? extends SocketChannel> socketChannel,
                      Class<? extends ServerChannel> serverChannel) {

    /** Epoll when asked for and loadable (Linux with the native library), NIO otherwise. */
    static NettyTransport choose(boolean preferNative) {
        if (preferNative && Epoll.isAvailable()) {
            return new NettyTransport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class, EpollServerSocketChannel.class);
        }
        return new NettyTransport("nio", NioIoHandler.newFactory(), NioSocketChannel.class, NioServerSocketChannel.class);
    }
}
