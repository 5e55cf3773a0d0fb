package dev.twinbgp.reactor;

import java.net.InetSocketAddress;

/** A listening socket; closing it stops accepting (open connections stay open). */
public interface Listener extends AutoCloseable {
    /** The bound address, with the real port when 0 was asked for. */
    InetSocketAddress localAddress();

    @Override
    void close();
}
