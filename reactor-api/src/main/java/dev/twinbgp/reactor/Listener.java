package dev.twinbgp.reactor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A listening socket; closing it stops accepting (open connections stay open). */
public interface Listener extends AutoCloseable {
    /** The bound address, with the real port when 0 was asked for. */
    InetSocketAddress localAddress();

    /**
     * What connections from {@code remote} get ({@link SocketOptions}), replacing what was set for it before;
     * {@link SocketOptions#NONE} clears it. The MD5 key goes on the listening socket at once (set, or deleted),
     * so the kernel answers only a signed SYN from {@code remote}; the TTLs are set on each connection accepted from
     * {@code remote} before its handler is made. Any thread.
     *
     * @throws IOException when the host or the kernel cannot (the sentence says which)
     */
    void peer(InetAddress remote, SocketOptions options) throws IOException;

    @Override
    void close();
}
