package dev.twinbgp.reactor;

import java.net.InetSocketAddress;

/** Makes the handler of an accepted connection; runs on the loop that will own it. */
@FunctionalInterface
public interface HandlerFactory {
    ConnectionHandler newHandler(InetSocketAddress remote, InetSocketAddress local);
}
