package dev.twinbgp.speaker.interop;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * FRR's bgpd alone on a loopback address (no zebra, no kernel routes, no change of user), with its vty socket in
 * the test's folder so {@code vtysh --vty_socket} talks to this instance only. Passive towards one eBGP neighbor,
 * with the address families the test names (FRR's spelling: {@code ipv4 flowspec}). Minimal: what the FlowSpec
 * interop test needs.
 */
public final class Frr extends ExternalDaemon {
    static final String BGPD = "/usr/lib/frr/bgpd";

    private final String address;
    private final int port;
    private final long asn;
    private final String peerAddress;
    private final long peerAsn;
    private final List<String> families;

    public Frr(Path dir, String address, int port, long asn, String peerAddress, long peerAsn, String... families) {
        super(dir);
        this.address = address;
        this.port = port;
        this.asn = asn;
        this.peerAddress = peerAddress;
        this.peerAsn = peerAsn;
        this.families = List.of(families);
    }

    /** Whether FRR's bgpd and vtysh are installed (Debian package {@code frr}). */
    static boolean available() {
        return new File(BGPD).canExecute() && installed("vtysh");
    }

    @Override
    String name() {
        return "frr-bgpd";
    }

    @Override
    List<String> command() throws IOException {
        StringBuilder conf = new StringBuilder();
        conf.append("hostname twinbgp-interop\n")
                .append("router bgp ").append(asn).append('\n')
                .append(" bgp router-id ").append(address).append('\n')
                .append(" no bgp ebgp-requires-policy\n")
                .append(" neighbor ").append(peerAddress).append(" remote-as ").append(peerAsn).append('\n')
                .append(" neighbor ").append(peerAddress).append(" passive\n")
                .append(" neighbor ").append(peerAddress).append(" timers 3 9\n");
        for (String f : families) {
            conf.append(" address-family ").append(f).append('\n')
                    .append("  neighbor ").append(peerAddress).append(" activate\n")
                    .append(" exit-address-family\n");
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bgpd.conf"), conf);
        return List.of(BGPD, "-f", dir.resolve("bgpd.conf").toString(), "-i", dir.resolve("bgpd.pid").toString(),
                "-Z", "-S", "-n", "-l", address, "-p", Integer.toString(port), "--vty_socket", dir.toString());
    }

    /** {@code vtysh --vty_socket DIR -c COMMAND}: the answer of this instance. */
    public String vtysh(String command) {
        List<String> cmd = new ArrayList<>(List.of("vtysh", "--vty_socket", dir.toString(), "-c", command));
        return run(cmd);
    }

    public boolean established() {
        return vtysh("show bgp neighbors " + peerAddress).contains("BGP state = Established");
    }
}
