package dev.twinbgp.bgp.wire;

/** What RFC 7606 section 2 prescribes for a malformed UPDATE, from least to most severe. */
public enum ErrorAction {
    /** RFC 7606 section 2 "attribute discard": drop the attribute, keep the routes. */
    ATTRIBUTE_DISCARD,
    /** RFC 7606 section 2 "treat-as-withdraw": every route of the UPDATE is withdrawn. */
    TREAT_AS_WITHDRAW,
    /** RFC 7606 section 2 "session reset": send the NOTIFICATION and close (RFC 4271 section 6.3). */
    SESSION_RESET
}
