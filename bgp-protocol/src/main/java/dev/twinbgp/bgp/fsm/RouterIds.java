package dev.twinbgp.bgp.fsm;

/** BGP identifiers are unsigned 32-bit values, shown as dotted quads (RFC 4271 section 4.2). */
final class RouterIds {
    private RouterIds() {
    }

    static String format(long id) {
        return ((id >>> 24) & 0xFF) + "." + ((id >>> 16) & 0xFF) + "." + ((id >>> 8) & 0xFF) + "." + (id & 0xFF);
    }
}
