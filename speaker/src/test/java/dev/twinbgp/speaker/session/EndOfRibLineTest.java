package dev.twinbgp.speaker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The count in the End-of-RIB log line reads as English: "1 route held", "N routes held" (jmh's TwinbgpDaemon reads both). */
class EndOfRibLineTest {
    @Test
    void oneRouteIsSingular() {
        assertEquals("0 routes held", PeerDriver.routesHeld(0));
        assertEquals("1 route held", PeerDriver.routesHeld(1));
        assertEquals("2 routes held", PeerDriver.routesHeld(2));
        assertEquals("1000000 routes held", PeerDriver.routesHeld(1_000_000));
    }
}
