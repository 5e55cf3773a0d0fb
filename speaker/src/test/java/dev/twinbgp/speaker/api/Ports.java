package dev.twinbgp.speaker.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** A TCP port free on every given loopback address (so two speakers can share it, one per address). */
final class Ports {
    private Ports() {
    }

    static int freeOn(String... addresses) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            if (bindable(port, addresses)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port found");
    }

    private static boolean bindable(int port, String... addresses) {
        for (String a : addresses) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getByName(a), port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
