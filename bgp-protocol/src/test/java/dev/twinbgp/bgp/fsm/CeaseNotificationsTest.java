package dev.twinbgp.bgp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.Notification;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 9003 shutdown communication, and config validation. */
class CeaseNotificationsTest {

    @Test
    void communicationIsLengthPrefixedUtf8() {
        Notification n = CeaseNotifications.cease(ErrorCodes.CEASE_ADMIN_RESET, "maintenance ✓");
        byte[] data = n.data();
        byte[] text = "maintenance ✓".getBytes(StandardCharsets.UTF_8);
        assertEquals(text.length, data[0] & 0xFF);
        assertEquals("maintenance ✓", new String(data, 1, data.length - 1, StandardCharsets.UTF_8));
    }

    @Test
    void longCommunicationIsCutAtACharacterBoundaryWithin255Octets() {
        String text = "é".repeat(200); // 400 octets of UTF-8
        byte[] data = CeaseNotifications.cease(ErrorCodes.CEASE_ADMIN_SHUTDOWN, text).data();
        assertEquals(254, data[0] & 0xFF, "127 two-octet characters; the 128th would need 256");
        assertEquals(255, data.length);
        String decoded = new String(Arrays.copyOfRange(data, 1, data.length), StandardCharsets.UTF_8);
        assertEquals("é".repeat(127), decoded);
    }

    @Test
    void otherSubcodesCarryNoText() {
        assertEquals(0, CeaseNotifications.cease(ErrorCodes.CEASE_PEER_DECONFIGURED, "bye").dataLength());
        assertEquals(0, CeaseNotifications.cease(ErrorCodes.CEASE_ADMIN_SHUTDOWN, null).dataLength());
    }

    @Test
    void describeIgnoresMalformedCommunication() {
        Notification bad = new Notification(ErrorCodes.CEASE, ErrorCodes.CEASE_ADMIN_SHUTDOWN, new byte[] {9, 'a'});
        assertEquals("6/2 Cease / Administrative Shutdown", CeaseNotifications.describe(bad));
        Notification control = CeaseNotifications.cease(ErrorCodes.CEASE_ADMIN_SHUTDOWN, "a\nb");
        assertTrue(CeaseNotifications.describe(control).endsWith("\"a?b\""));
    }

    @Test
    void invalidConfigIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Harness.config().holdTime(2).build());
        assertThrows(IllegalArgumentException.class, () -> Harness.config().active(false).passive(false).build());
        assertThrows(IllegalArgumentException.class, () -> SessionConfig.builder(65000, 65001, 0).build());
        assertThrows(IllegalArgumentException.class,
                () -> SessionConfig.builder(4_200_000_000L, 65001, 1).asn4(false).build());
    }
}
