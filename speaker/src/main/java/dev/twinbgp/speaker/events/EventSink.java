package dev.twinbgp.speaker.events;

/** Where {@link JsonEventListener} hands each JSON line: the {@link EventWriter}, or a parity trace. */
@FunctionalInterface
public interface EventSink {
    /** Takes one line (without its newline); false when it was dropped. Must not block: called on a loop thread. */
    boolean offer(String line);

    /**
     * Takes one line to be formatted by {@code line.get()} - on the sink's own thread when it has one (the
     * {@link EventWriter}), here otherwise - after every line offered before it; false when it was dropped. A
     * null from {@code line} is no line. Must not block.
     */
    default boolean offerLazily(java.util.function.Supplier<String> line) {
        String text = line.get();
        return text == null || offer(text);
    }

    /** The fill level of the buffer behind {@link #offer}, for receive back-pressure; null when it has none. */
    default dev.twinbgp.speaker.session.Backlog backlog() {
        return null;
    }
}
