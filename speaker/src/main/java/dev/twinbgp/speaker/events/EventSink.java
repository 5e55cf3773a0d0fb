package dev.twinbgp.speaker.events;

/** Where {@link JsonEventListener} hands each JSON line: the {@link EventWriter}, or a parity trace. */
@FunctionalInterface
public interface EventSink {
    /** Takes one line (without its newline); false when it was dropped. Must not block: called on a loop thread. */
    boolean offer(String line);

    /** The fill level of the buffer behind {@link #offer}, for receive back-pressure; null when it has none. */
    default dev.twinbgp.speaker.session.Backlog backlog() {
        return null;
    }
}
