package dev.twinbgp.reactor;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a plain socket's kernel still holds to send, from Linux's {@code /proc/net/tcp} and {@code tcp6}
 * ({@code tx_queue}: written but not acknowledged by the other end). A test that needs its bytes in the
 * other end's receive queue - not lost in its own send queue when it resets - waits for 0. Public for the
 * speaker's tests (its {@code ScriptedPeer}), which have this module's test-jar.
 */
public final class KernelQueue {
    private KernelQueue() {
    }

    /** Bytes {@code s} has written that its peer has not acknowledged; -1 where the kernel does not tell (not Linux). */
    public static long unacknowledged(Socket s) throws IOException {
        String local = String.format(Locale.ROOT, ":%04X", s.getLocalPort());
        String remote = String.format(Locale.ROOT, ":%04X", s.getPort());
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) continue;
            for (String line : Files.readAllLines(p)) {
                // "  7: LOCAL:PORT REMOTE:PORT ST TX_QUEUE:RX_QUEUE ..."
                String[] f = line.trim().split("\\s+");
                if (f.length > 4 && f[1].endsWith(local) && f[2].endsWith(remote)) {
                    return Long.parseLong(f[4].substring(0, f[4].indexOf(':')), 16);
                }
            }
        }
        return -1;
    }
}
