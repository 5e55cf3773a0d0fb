package dev.twinbgp.speaker.session;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A TCP port free on every given loopback address (so two speakers can share it, one per address), for tests.
 * It is {@link FreePort}'s choice, below the kernel's ephemeral range: a port picked inside that range can be taken
 * by any outgoing connect before the daemon meant to listen on it binds (CI saw BIRD fail "bind: Address already
 * in use" in BirdFlowSpecInteropTest while this class still picked from 20000-60000).
 */
public final class Ports {
    private Ports() {
    }

    public static int freeOn(String... addresses) {
        InetAddress[] resolved = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            try {
                resolved[i] = InetAddress.getByName(addresses[i]);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address: " + addresses[i], e);
            }
        }
        return FreePort.on(resolved);
    }
}
