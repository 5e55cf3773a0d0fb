package dev.twinbgp.jmh.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * OpenBGPD ({@code /usr/sbin/bgpd -d}, portable 7.x) with {@code fib-update no}, its control socket in its
 * own directory; polled with {@code bgpctl show summary} (the State/PrfRcvd column: prefixes its route
 * engine holds from the peer; a bgpctl process per poll). It runs as three processes (parent, session
 * engine, route engine); its peak RSS is their sum. It chroots to {@code /run/openbgpd}, which the
 * Debian unit creates at boot; created here when missing (needs root, as bgpd itself does).
 */
final class OpenBgpdDaemon extends ProcessReceiver {
    static final String BGPD = "/usr/sbin/bgpd";

    private final Path socket;
    private final String peer;

    private OpenBgpdDaemon(LocalProcess process, Path socket, String peer) {
        super(process);
        this.socket = socket;
        this.peer = peer;
    }

    static OpenBgpdDaemon start(Path dir, Endpoint at) throws IOException {
        Files.createDirectories(dir);
        Files.createDirectories(Path.of("/run/openbgpd"));
        Path socket = dir.resolve("bgpd.sock");
        Path conf = dir.resolve("bgpd.conf");
        Files.writeString(conf, """
                socket "%s"
                AS %d
                router-id %s
                listen on %s port %d
                fib-update no
                neighbor %s {
                    remote-as %d
                    passive
                    holdtime 240
                }
                allow from any
                allow to any
                """.formatted(socket, at.asn(), at.address(), at.address(), at.port(), at.peerAddress(), at.peerAsn()));
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        LocalProcess p = LocalProcess.start(dir, "openbgpd", List.of(BGPD, "-d", "-f", conf.toString()));
        OpenBgpdDaemon d = new OpenBgpdDaemon(p, socket, at.peerAddress());
        try {
            LocalProcess.await("OpenBGPD answering bgpctl", 60, () -> d.summary().contains(at.peerAddress()), p);
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    private String summary() {
        return LocalProcess.run(List.of("bgpctl", "-s", socket.toString(), "show", "summary"));
    }

    @Override
    public String name() {
        return "OpenBGPD";
    }

    @Override
    public long held() {
        for (String line : summary().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 1 && f[0].equals(peer)) {
                String last = f[f.length - 1];
                return last.chars().allMatch(Character::isDigit) ? Long.parseLong(last) : 0;
            }
        }
        return 0;
    }

    @Override
    public long pollNanos() {
        return 20_000_000L;
    }
}
