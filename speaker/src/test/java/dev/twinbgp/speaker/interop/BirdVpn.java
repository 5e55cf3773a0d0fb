package dev.twinbgp.speaker.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BIRD 2 speaking L3VPN (RFC 4364, RFC 4659) on a loopback address: one BGP peer called {@code peer} with the
 * channels {@code vpn4 mpls} and {@code vpn6 mpls}, importing into the tables {@code vpntab4} / {@code vpntab6},
 * and two static VPN routes it announces: {@link #V4_ROUTE} with route target (rt, AS, 7) and {@link #V6_ROUTE}
 * with (rt, AS, 8). Passive (we connect), multihop (a loopback peer is no direct neighbor for BIRD).
 *
 * <p>What BIRD 2.0.12 does on loopback, found by trying: our routes land in its VPN tables with RD, MPLS label
 * stack ({@code BGP.mpls_label_stack}) and route targets ({@code BGP.ext_community: (rt, AS, N)}), marked
 * unreachable (no IGP route to their next hop), which {@code show route all table vpntab4} lists all the same.
 * Its own routes go out with the implicit-null label 3 (RFC 3032): BIRD sends a route's MPLS labels only when it
 * keeps the route's gateway as next hop, which needs the gateway on the BGP neighbor's interface; a multihop
 * session has none, so BIRD sets next hop self and label 3 (a static {@code via "lo" mpls 200} goes out as 3 too).
 * A vpn6 route over this IPv4 session needs an IPv6 next hop: {@code next hop self} would be the IPv4 source
 * address ("Invalid NEXT_HOP attribute - zero address", the route withdrawn), so the channel sets
 * {@code next hop address} {@link #V6_NEXT_HOP}. Kept apart from {@link Bird} (the unicast and FlowSpec fixture).
 */
final class BirdVpn extends ExternalDaemon {
    static final String V4_ROUTE = "10.92.0.0/24";
    static final String V6_ROUTE = "2001:db8:92::/48";
    static final String V6_NEXT_HOP = "2001:db8::92";
    private final String address;
    private final int port;
    private final long asn;
    private final String peerAddress;
    private final long peerAsn;

    BirdVpn(Path dir, String address, int port, long asn, String peerAddress, long peerAsn) {
        super(dir);
        this.address = address;
        this.port = port;
        this.asn = asn;
        this.peerAddress = peerAddress;
        this.peerAsn = peerAsn;
    }

    @Override
    String name() {
        return "bird";
    }

    /** The RD of BIRD's IPv4 route: {@code AS:7}; of its IPv6 route {@code AS:8}. */
    String rd(int n) {
        return asn + ":" + n;
    }

    @Override
    List<String> command() throws IOException {
        Files.createDirectories(dir);
        String conf = """
                router id %1$s;
                log stderr all;
                vpn4 table vpntab4;
                vpn6 table vpntab6;
                protocol device { }
                protocol static svpn4 {
                  vpn4 { table vpntab4; };
                  route %3$d:7 %7$s unreachable { bgp_ext_community.add((rt, %3$d, 7)); };
                }
                protocol static svpn6 {
                  vpn6 { table vpntab6; };
                  route %3$d:8 %8$s unreachable { bgp_ext_community.add((rt, %3$d, 8)); };
                }
                protocol bgp peer {
                  local %1$s port %2$d as %3$d;
                  neighbor %4$s as %5$d;
                  multihop;
                  hold time 9;
                  passive on;
                  connect retry time 1;
                  error wait time 1, 2;
                  vpn4 mpls { table vpntab4; import all; export all; next hop self; };
                  vpn6 mpls { table vpntab6; import all; export all; next hop address %6$s; };
                }
                """.formatted(address, port, asn, peerAddress, peerAsn, V6_NEXT_HOP, V4_ROUTE, V6_ROUTE);
        Files.writeString(dir.resolve("bird.conf"), conf);
        return List.of("bird", "-f", "-c", dir.resolve("bird.conf").toString(), "-s", socket().toString(),
                "-P", dir.resolve("bird.pid").toString());
    }

    Path socket() {
        return dir.resolve("bird.ctl");
    }

    String birdc(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("birdc", "-s", socket().toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    boolean established() {
        return birdc("show", "protocols", "peer").contains("Established");
    }

    /**
     * {@code show route all table TABLE} cut per route: "RD PREFIX" -> its lines. Output looks like:
     * <pre>
     * Table vpntab4:
     * 65091:1 10.1.0.0/24  unreachable [peer 07:54:18.877 from 127.0.92.1] * (100) [AS65091i]
     * 	Type: BGP univ
     * 	BGP.next_hop: 192.0.2.91
     * 	BGP.ext_community: (rt, 65091, 1)
     * 	BGP.mpls_label_stack: 1000
     * </pre>
     */
    Map<String, String> routes(String table) {
        Map<String, String> blocks = new LinkedHashMap<>();
        String current = null;
        StringBuilder block = new StringBuilder();
        for (String line : birdc("show", "route", "all", "table", table).split("\n")) {
            if (line.isBlank() || line.startsWith("BIRD ") || line.startsWith("Table ")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                if (current != null) {
                    blocks.put(current, block.toString());
                }
                String[] words = line.split("\\s+");
                current = words[0] + " " + words[1];
                block = new StringBuilder();
            }
            block.append(line.strip()).append('\n');
        }
        if (current != null) {
            blocks.put(current, block.toString());
        }
        return blocks;
    }
}
