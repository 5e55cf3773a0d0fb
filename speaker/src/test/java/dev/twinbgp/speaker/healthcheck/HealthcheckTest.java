package dev.twinbgp.speaker.healthcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The state machine and the commands of ExaBGP's healthcheck (application/healthcheck.py). */
class HealthcheckTest {

    private static HealthOptions options(boolean withdrawOnDown, List<String> neighbors) {
        return new HealthOptions(List.of("192.0.2.1/32", "192.0.2.2/32"), Optional.empty(), 100, 1000, 500, 1, -1,
                Optional.of("65000:1"), Optional.of("65000:666"), Optional.empty(), Optional.empty(), Optional.of("65000"),
                Optional.of("65000 65000"), Optional.empty(), Optional.empty(), withdrawOnDown, Optional.empty(), neighbors);
    }

    @Test
    void riseAndFallCountChecksInARow() {
        HealthFsm fsm = new HealthFsm(3, 2);
        assertEquals(HealthState.RISING, fsm.step(false, true));
        assertEquals(HealthState.RISING, fsm.step(false, true));
        assertEquals(HealthState.UP, fsm.step(false, true));
        assertEquals(HealthState.FALLING, fsm.step(false, false));
        assertEquals(HealthState.RISING, fsm.step(false, true)); // one success breaks the fall
        assertEquals(HealthState.FALLING, fsm.step(false, false));
        assertEquals(HealthState.DOWN, fsm.step(false, false));
        assertEquals(HealthState.DOWN, fsm.step(false, false));
        assertEquals(HealthState.DISABLED, fsm.step(true, true));
        assertEquals(HealthState.DISABLED, fsm.step(true, true));
        assertEquals(HealthState.INIT, fsm.step(false, true));
    }

    @Test
    void riseOrFallOfOneSkipsThePassingStates() {
        HealthFsm fsm = new HealthFsm(1, 1);
        assertEquals(HealthState.UP, fsm.step(false, true));
        assertEquals(HealthState.DOWN, fsm.step(false, false));
        HealthFsm failing = new HealthFsm(1, 1);
        assertEquals(HealthState.DOWN, failing.step(false, false));
    }

    @Test
    void upAndDownAnnounceWithTheirMetricIncreasingPerAddress() {
        assertEquals(List.of("announce route 192.0.2.1/32 next-hop self med 100 community [ 65000:1 ] as-path [ 65000 65000 ]",
                        "announce route 192.0.2.2/32 next-hop self med 101 community [ 65000:1 ] as-path [ 65000 65000 ]"),
                Announcements.commands(options(false, List.of()), HealthState.UP));
        assertEquals(List.of("announce route 192.0.2.1/32 next-hop self med 1000 community [ 65000:666 ] as-path [ 65000 ]",
                        "announce route 192.0.2.2/32 next-hop self med 1001 community [ 65000:666 ] as-path [ 65000 ]"),
                Announcements.commands(options(false, List.of()), HealthState.DOWN));
        assertEquals(List.of(), Announcements.commands(options(false, List.of()), HealthState.RISING));
    }

    @Test
    void withdrawOnDownAndExitWithdraw() {
        assertEquals(List.of("withdraw route 192.0.2.1/32 next-hop self", "withdraw route 192.0.2.2/32 next-hop self"),
                Announcements.commands(options(true, List.of()), HealthState.DOWN));
        assertEquals(List.of("withdraw route 192.0.2.1/32 next-hop self", "withdraw route 192.0.2.2/32 next-hop self"),
                Announcements.commands(options(false, List.of()), HealthState.EXIT));
    }

    @Test
    void neighborsPrefixTheCommand() {
        assertEquals("neighbor 10.0.0.1, neighbor 10.0.0.2 withdraw route 192.0.2.1/32 next-hop self",
                Announcements.commands(options(true, List.of("10.0.0.1", "10.0.0.2")), HealthState.DISABLED).get(0));
    }
}
