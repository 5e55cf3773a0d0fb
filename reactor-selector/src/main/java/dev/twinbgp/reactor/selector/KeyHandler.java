package dev.twinbgp.reactor.selector;

import java.io.IOException;
import java.nio.channels.SelectionKey;

/** What a {@link SelectionKey} is attached to: a listener, a connect in progress or a connection. */
sealed interface KeyHandler permits SelectorListener, OutgoingConnect, SelectorConnection {

    /** The key is ready for the operations in {@code key.readyOps()}; runs on the loop. */
    void ready(SelectionKey key) throws IOException;

    /** {@link #ready} threw: release this key's resources and tell the user, once. */
    void failed(Throwable cause);

    /** The loop is stopping: close without flushing and tell the user, once. */
    void shutdown();
}
