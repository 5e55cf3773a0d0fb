package dev.twinbgp.parity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kernel's TCP socket table (Linux {@code /proc/net/tcp} and {@code tcp6}), read to see connection
 * attempts that never reach any program: a connect whose SYN is dropped sits in SYN_SENT, visible only here.
 * The {@code hang} step uses it to see the speaker's pending connects come and go.
 *
 * <pre>
 *   sl  local_address rem_address   st ...
 *    0: 0100007F:D2F0 0100007F:A3C1 02 ...      address:port in hex, st 02 = SYN_SENT
 * </pre>
 */
public final class TcpTable {
    private static final String SYN_SENT = "02";
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private TcpTable() {
    }

    /** Whether this system has the table (Linux). */
    public static boolean available() {
        return Files.isReadable(TABLES.getFirst());
    }

    /** Local ports of the sockets in SYN_SENT towards {@code remotePort} (any address): pending connects. */
    public static Set<Integer> synSentTo(int remotePort) {
        Set<Integer> ports = new TreeSet<>();
        for (Path table : TABLES) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 4 || !f[3].equals(SYN_SENT)) {
                    continue;
                }
                if (port(f[2]) == remotePort) {
                    ports.add(port(f[1]));
                }
            }
        }
        return ports;
    }

    private static int port(String addressAndPort) {
        int colon = addressAndPort.lastIndexOf(':');
        return colon < 0 ? -1 : Integer.parseInt(addressAndPort.substring(colon + 1), 16);
    }
}
