package dev.twinbgp.speaker.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** A TCP port free on every given address (so two speakers can each listen on it, one per address). */
public final class FreePort {
    /**
     * Ports are taken below the kernel's ephemeral range: a port inside it that is free when checked can be
     * taken by any outgoing connect (ours, a daemon's) before the listener that was meant to have it binds
     * (a CI run saw BIRD fail "bind: Address already in use" that way).
     */
    private static final int LOW = 10_000;
    private static final int HIGH = ephemeralLow();

    private FreePort() {
    }

    public static int on(InetAddress... addresses) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (bindable(port, addresses)) {
                return port;
            }
        }
        throw new IllegalStateException("no free TCP port found on " + java.util.Arrays.toString(addresses));
    }

    /** The first port of Linux's ephemeral range (32768 by default), or 60000 where it cannot be read. */
    private static int ephemeralLow() {
        try {
            String range = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > LOW + 5_000 ? low : 60_000;
        } catch (IOException | RuntimeException e) {
            return 60_000;
        }
    }

    /**
     * Also on the wildcard address: BIRD 2 listens on 0.0.0.0 (no {@code strict bind}), which fails while
     * anything listens on that port at any address - a CI run saw "bind: Address already in use" from a
     * port that was free on BIRD's own address. A port bindable on the wildcard is free on every address.
     */
    private static boolean bindable(int port, InetAddress... addresses) {
        InetAddress[] all = java.util.Arrays.copyOf(addresses, addresses.length + 1);
        all[addresses.length] = wildcard();
        for (InetAddress a : all) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(a, port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress wildcard() {
        return new InetSocketAddress(0).getAddress();
    }
}
