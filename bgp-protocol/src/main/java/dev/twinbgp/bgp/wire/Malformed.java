package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.attribute.AttributeError;

/**
 * Internal signal from the attribute parsers to the UPDATE decoder; always caught there and turned
 * into an {@link AttributeError} or a {@link WireError}. Stackless: it is a value, not a crash.
 */
public final class Malformed extends Exception {
    final ErrorAction action;
    final int typeCode;
    final WireError error;

    public Malformed(ErrorAction action, int typeCode, WireError error) {
        super(error.reason(), null, false, false);
        this.action = action;
        this.typeCode = typeCode;
        this.error = error;
    }

    /** What RFC 7606 says to do about it. */
    public ErrorAction action() {
        return action;
    }

    AttributeError toAttributeError() {
        return new AttributeError(action, typeCode, error);
    }
}
