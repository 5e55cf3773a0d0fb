package dev.twinbgp.bgp.wire;

/** What {@link MessageDecoder} makes of a frame: a message, or the error to send as NOTIFICATION. */
public sealed interface Decoded {
    /** A well-formed message. An {@link Update} may still carry RFC 7606 outcomes (treat-as-withdraw, discards). */
    record Ok(BgpMessage message) implements Decoded { }

    /** A malformed message: send {@code error.toNotification()} and close the session. */
    record Failed(WireError error) implements Decoded { }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The message; IllegalStateException when this is a failure (for tests and callers that checked {@link #isOk()}). */
    default BgpMessage message() {
        return switch (this) {
            case Ok ok -> ok.message();
            case Failed f -> throw new IllegalStateException("decoding failed: " + f.error());
        };
    }
}
