package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.speaker.session.Await;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flush adj-rib out} sends the Adj-RIB-Out again and no End-of-RIB, as ExaBGP (rib/outgoing.py
 * {@code resend}: the cached routes queued again, nothing else; ExaBGP 4.2.21 against BIRD 2 sends none, and the
 * conformance vector api-rib.ci expects none). twinbgp followed each family with an End-of-RIB: with
 * {@code manual-eor} a program that flushes before its {@code announce eor} ended the peer's graceful restart
 * recovery early. Two real speakers on loopback, the command through the control socket.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FlushAdjRibOutTest {
    @TempDir
    Path dir;

    @Test
    void theTableAgainWithoutEndOfRib() throws Exception {
        Path socket = dir.resolve("ctl.sock");
        String config = """
                neighbor 127.0.0.3 { router-id 127.0.0.2; local-address 127.0.0.2; local-as 65001; peer-as 65002;
                  connect PORT; family { ipv4 unicast; } }
                """;
        try (ApiHarness h = ApiHarness.start("selector", "netty", dir, config,
                Api.Options.defaults().withControlSocket(socket), List.of(), true)) {
            Await.until("established", h::established);
            Await.until("the initial End-of-RIB", () -> h.peerEvents.updates.stream().anyMatch(Update::isEndOfRib));
            assertTrue(ControlClient.send(socket, "announce route 10.1.0.0/24 next-hop 127.0.0.2").ok());
            Await.until("the route", () -> count(h, "10.1.0.0/24") == 1);

            int before = h.peerEvents.updates.size();
            assertTrue(ControlClient.send(socket, "flush adj-rib out").ok());
            Await.until("the route again", () -> count(h, "10.1.0.0/24") == 2);
            // a barrier: what the flush sent is on the wire before this route's UPDATE
            assertTrue(ControlClient.send(socket, "announce route 10.2.0.0/24 next-hop 127.0.0.2").ok());
            Await.until("the barrier route", () -> count(h, "10.2.0.0/24") == 1);

            List<Update> after = h.peerEvents.updates.subList(before, h.peerEvents.updates.size());
            assertTrue(after.stream().noneMatch(Update::isEndOfRib), "no End-of-RIB after the flush: " + after);
        }
    }

    private static long count(ApiHarness h, String prefix) {
        return h.peerEvents.updates.stream().filter(u -> u.announced().stream()
                .anyMatch(n -> n.prefixes().stream().anyMatch(p -> p.toString().equals(prefix)))).count();
    }
}
