package dev.twinbgp.speaker.events;

import dev.twinbgp.speaker.json.JsonBytes;
import java.util.function.Supplier;

/**
 * An event line formatted by whoever writes it: {@link #get} gives it as text (an {@link EventSink} without a
 * thread of its own, a parity trace), {@link #writeTo} appends the same line's UTF-8 octets to a buffer - the
 * {@link EventWriter}'s thread formats each line straight into its output that way, with no {@code String} per
 * line (issue 18).
 */
public interface EventLine extends Supplier<String> {
    /** Appends the line (without its newline) to {@code out}; appends nothing when there is no line. */
    void writeTo(JsonBytes out);
}
