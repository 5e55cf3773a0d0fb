package dev.twinbgp.speaker.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.speaker.json.NeighborContext;
import dev.twinbgp.speaker.session.PeerSettings;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonEventListenerTest {
    private static SessionConfig session() {
        return SessionConfig.builder(65001, 4_200_000_000L, 0x0A000001L).build();
    }

    @Test
    void theNeighborBlockComesFromThePeersSettings() throws Exception {
        PeerSettings s = new PeerSettings(InetAddress.getByName("192.0.2.2"), 179, InetAddress.getByName("192.0.2.1"), 0,
                session(), true, false, List.of());
        assertEquals(new NeighborContext("192.0.2.1", "192.0.2.2", 65001, 4_200_000_000L, "10.0.0.1"),
                JsonEventListener.neighbor(s));
    }

    @Test
    void withoutALocalAddressTheUnspecifiedOneOfThePeersFamily() throws Exception {
        PeerSettings v4 = new PeerSettings(InetAddress.getByName("192.0.2.2"), 179, null, 0, session(), true, false, List.of());
        PeerSettings v6 = new PeerSettings(InetAddress.getByName("2001:db8::2"), 179, null, 0, session(), true, false, List.of());
        assertEquals("0.0.0.0", JsonEventListener.neighbor(v4).localAddress());
        assertEquals("::", JsonEventListener.neighbor(v6).localAddress());
        assertEquals("2001:db8:0:0:0:0:0:2", JsonEventListener.neighbor(v6).peerAddress());
    }
}
