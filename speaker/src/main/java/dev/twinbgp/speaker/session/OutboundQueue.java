package dev.twinbgp.speaker.session;

import dev.twinbgp.bgp.wire.BgpMessage;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * The messages waiting for a peer's connection to take them, in order. Besides messages it holds
 * <em>lazy runs</em>: iterators that make their messages only when {@link #peek()} reaches them, so
 * a full table (a million routes) is packed into UPDATEs batch by batch while the session writes,
 * instead of all at once before the first byte goes out. Not thread-safe: owned by the peer's loop.
 */
final class OutboundQueue {
    private final ArrayDeque<Iterator<? extends BgpMessage>> runs = new ArrayDeque<>();
    private BgpMessage head;

    void add(BgpMessage message) {
        runs.add(List.of(message).iterator());
    }

    /** Queues {@code messages}, which the caller hands over (it must not change them afterwards). */
    void addAll(Collection<? extends BgpMessage> messages) {
        if (!messages.isEmpty()) {
            runs.add(messages.iterator());
        }
    }

    /** Messages made by {@code run} when their turn comes (whatever it reads must not change meanwhile). */
    void addLazily(Iterator<? extends BgpMessage> run) {
        runs.add(run);
    }

    /** The next message, made now if it comes from a lazy run, or null when there is none. */
    BgpMessage peek() {
        while (head == null && !runs.isEmpty()) {
            Iterator<? extends BgpMessage> run = runs.peek();
            if (run.hasNext()) {
                head = run.next();
            } else {
                runs.poll();
            }
        }
        return head;
    }

    /** Removes the message {@link #peek()} returned. */
    void remove() {
        head = null;
    }

    boolean isEmpty() {
        return peek() == null;
    }

    void clear() {
        runs.clear();
        head = null;
    }
}
