package dev.twinbgp.jmh.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The daemon benchmark reads the route count of twinbgp's End-of-RIB line, singular or plural. */
class TwinbgpDaemonHeldTest {
    @Test
    void readsTheCountOfAnEndOfRibLine() {
        assertEquals(1_000_000, TwinbgpDaemon.held(
                "20:30:01.123 INFO  PeerDriver - peer 127.0.0.52: End-of-RIB received for ipv4 unicast, 1000000 routes held"));
        assertEquals(1, TwinbgpDaemon.held("peer 127.0.0.52: End-of-RIB received for ipv4 unicast, 1 route held"));
        assertEquals(0, TwinbgpDaemon.held("peer 127.0.0.52: End-of-RIB received for ipv4 unicast, 0 routes held"));
        assertEquals(-1, TwinbgpDaemon.held("peer 127.0.0.52 up"));
    }
}
