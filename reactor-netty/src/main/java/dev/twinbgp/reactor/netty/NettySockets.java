package dev.twinbgp.reactor.netty;

import dev.twinbgp.reactor.sockopt.LinuxSockets;
import io.netty.channel.Channel;
import io.netty.channel.nio.AbstractNioChannel;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.channels.SelectableChannel;

/**
 * The descriptor of a Netty channel, for {@link LinuxSockets} (the same native calls as the other reactors, so
 * MD5 and TTL behave alike whatever the transport): epoll channels give it ({@link UnixChannel#fd()}); an NIO
 * channel wraps one of the JDK's, which Netty keeps behind the protected {@code AbstractNioChannel.javaChannel()}.
 */
final class NettySockets {
    private NettySockets() {
    }

    private static final class Nio {
        static final Method JAVA_CHANNEL;

        static {
            Method m = null;
            try {
                m = AbstractNioChannel.class.getDeclaredMethod("javaChannel");
                m.setAccessible(true); // Netty and twinbgp share the unnamed module: no --add-opens involved
            } catch (ReflectiveOperationException | RuntimeException e) {
                m = null;
            }
            JAVA_CHANNEL = m;
        }
    }

    static int fd(Channel channel) throws IOException {
        if (channel instanceof UnixChannel unix) return unix.fd().intValue();
        if (channel instanceof AbstractNioChannel && Nio.JAVA_CHANNEL != null) {
            try {
                return LinuxSockets.fd((SelectableChannel) Nio.JAVA_CHANNEL.invoke(channel));
            } catch (ReflectiveOperationException e) {
                throw new IOException("no file descriptor for " + channel + ": " + e, e);
            }
        }
        throw new IOException("no file descriptor for a " + channel.getClass().getSimpleName());
    }
}
