package dev.twinbgp.bgp.wire.attribute;

import dev.twinbgp.bgp.wire.ErrorAction;
import dev.twinbgp.bgp.wire.WireError;

/**
 * A path attribute problem that did not reset the session: the RFC 7606 outcome, the attribute type
 * code, and the NOTIFICATION RFC 4271 section 6.3 would have sent (for logging; RFC 7606 section 2
 * says no NOTIFICATION is sent for these).
 */
public record AttributeError(ErrorAction action, int typeCode, WireError error) {
    @Override
    public String toString() {
        return action + " " + Attribute.name(typeCode) + ": " + error;
    }
}
