package dev.twinbgp.speaker.events;

/** Where {@link JsonEventListener} hands each JSON line: the {@link EventWriter}, or a parity trace. */
@FunctionalInterface
public interface EventSink {
    /** Takes one line (without its newline); false when it was dropped. Must not block: called on a loop thread. */
    boolean offer(String line);
}
