package dev.twinbgp.reactor.sockopt;

import dev.twinbgp.reactor.SocketOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link SocketOptions} of one listening socket, per remote address, as every reactor's listener keeps them
 * ({@link dev.twinbgp.reactor.Listener#peer}): MD5 keys on the listening descriptor, TTLs for what it accepts.
 */
public final class ListenerOptions {
    private final Map<InetAddress, SocketOptions> byRemote = new ConcurrentHashMap<>();
    /**
     * The TTL of the listening socket itself: the highest any remote asks for, 0 for the system default. The kernel
     * answers a SYN from the listening socket (its SYN-ACK carries that socket's TTL), so a peer checking GTSM on
     * its side (a minimum of 255) would drop a SYN-ACK sent with the default 64 and never connect to us.
     */
    private volatile int listenerTtl;

    /** The listening socket's descriptor, asked for only when a key is set or deleted. */
    @FunctionalInterface
    public interface Descriptor {
        int fd() throws IOException;
    }

    /** Sets (or with {@link SocketOptions#NONE} clears) what {@code remote} gets. */
    public synchronized void peer(Descriptor listener, InetAddress remote, SocketOptions options) throws IOException {
        if (!options.isNone() && LinuxSockets.unavailable() != null) throw new IOException(LinuxSockets.unavailable());
        SocketOptions before = byRemote.getOrDefault(remote, SocketOptions.NONE);
        if (options.hasMd5()) {
            LinuxSockets.md5(listener.fd(), remote, options.md5Key());
        } else if (before.hasMd5()) {
            LinuxSockets.md5(listener.fd(), remote, null);
        }
        if (options.isNone()) {
            byRemote.remove(remote);
        } else {
            byRemote.put(remote, options);
        }
        int ttl = byRemote.values().stream().mapToInt(SocketOptions::ttl).max().orElse(0);
        if (ttl != listenerTtl) {
            LinuxSockets.ttl(listener.fd(), ttl);
            listenerTtl = ttl;
        }
    }

    /** True when nothing was set for any address (no native call is needed on accept). */
    public boolean isEmpty() {
        return byRemote.isEmpty();
    }

    /**
     * The TTLs of {@code remote} on a socket just accepted from it, before its handler is made.
     *
     * <p>Race: the kernel accepted the connection before this runs, with the listening socket's settings, so a
     * segment that arrived in between passed without the minimum TTL check; every later one is checked (FRR sets
     * GTSM on its accepted sockets the same way, bgp_network.c). The MD5 key has no such window: the listening
     * socket carries it, and the kernel copies it to the connection at the handshake.
     */
    public void accepted(int fd, InetAddress remote) throws IOException {
        SocketOptions options = byRemote.getOrDefault(remote, SocketOptions.NONE);
        // the accepted socket inherits the listening socket's TTL: back to what this remote asked for (or the default)
        if (listenerTtl != 0 && options.ttl() != listenerTtl) LinuxSockets.ttl(fd, options.ttl());
        LinuxSockets.ttls(fd, options);
    }
}
