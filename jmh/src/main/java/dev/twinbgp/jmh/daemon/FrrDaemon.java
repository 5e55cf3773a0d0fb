package dev.twinbgp.jmh.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FRR's {@code bgpd} alone (no zebra: {@code -Z -n}, nothing installed in the kernel), listening on the
 * receiver's address and port, its vty socket in its own directory; polled with {@code vtysh -c 'show bgp
 * ipv4 unicast summary json'} ({@code pfxRcd}: prefixes accepted from the peer; a vtysh process per poll,
 * hence the 50 ms pause).
 */
final class FrrDaemon extends ProcessReceiver {
    static final String BGPD = "/usr/lib/frr/bgpd";
    private static final Pattern PFX = Pattern.compile("\"pfxRcd\":\\s*(\\d+)");

    private final Path dir;

    private FrrDaemon(LocalProcess process, Path dir) {
        super(process);
        this.dir = dir;
    }

    static FrrDaemon start(Path dir, Endpoint at) throws IOException {
        Files.createDirectories(dir);
        dir.toFile().setWritable(true, false); // bgpd writes its vty socket here
        dir.toFile().setExecutable(true, false);
        Path conf = dir.resolve("bgpd.conf");
        Files.writeString(conf, """
                router bgp %d
                 bgp router-id %s
                 no bgp ebgp-requires-policy
                 no bgp network import-check
                 neighbor %s remote-as %d
                 neighbor %s passive
                 neighbor %s timers 80 240
                 address-family ipv4 unicast
                  neighbor %s activate
                 exit-address-family
                """.formatted(at.asn(), at.address(), at.peerAddress(), at.peerAsn(), at.peerAddress(),
                at.peerAddress(), at.peerAddress()));
        LocalProcess p = LocalProcess.start(dir, "frr", List.of(BGPD, "-f", conf.toString(), "-i",
                dir.resolve("bgpd.pid").toString(), "-Z", "-S", "-n", "-p", Integer.toString(at.port()), "-l",
                at.address(), "--vty_socket", dir.toString(), "-P", "0", "--log", "stdout"));
        FrrDaemon frr = new FrrDaemon(p, dir);
        try {
            LocalProcess.await("FRR answering vtysh", 60, () -> frr.summary().contains("\"peers\""), p);
            return frr;
        } catch (RuntimeException e) {
            frr.close();
            throw e;
        }
    }

    private String summary() {
        return LocalProcess.run(List.of("vtysh", "--vty_socket", dir.toString(), "-d", "bgpd", "-c",
                "show bgp ipv4 unicast summary json"));
    }

    @Override
    public String name() {
        return "FRR";
    }

    @Override
    public long held() {
        Matcher m = PFX.matcher(summary());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Override
    public long pollNanos() {
        return 50_000_000L;
    }
}
