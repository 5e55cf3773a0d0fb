package dev.twinbgp.speaker.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** A TCP port free on every given address (so two speakers can each listen on it, one per address). */
public final class FreePort {
    private FreePort() {
    }

    public static int on(InetAddress... addresses) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            if (bindable(port, addresses)) {
                return port;
            }
        }
        throw new IllegalStateException("no free TCP port found on " + java.util.Arrays.toString(addresses));
    }

    private static boolean bindable(int port, InetAddress... addresses) {
        for (InetAddress a : addresses) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(a, port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
