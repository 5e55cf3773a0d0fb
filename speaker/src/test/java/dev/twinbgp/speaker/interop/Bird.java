package dev.twinbgp.speaker.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BIRD 2 (Debian package {@code bird2}) on a loopback address with one BGP peer called
 * {@code peer}. Loopback peers are not on a directly connected network as BIRD sees it, so
 * the session is {@code multihop}. Routes it announces come from a static protocol;
 * {@link #announce(List)} rewrites the configuration and asks BIRD to reload it. They go out
 * with {@code next hop self}, MED {@link #MED} and community ({@code asn}, {@link #COMMUNITY}),
 * set by the export filter.
 *
 * <p>What works, found by trying (BIRD 2.0.12): it listens on {@code local ... port} and connects
 * to {@code neighbor ... port}; {@code passive} makes it only listen, so exactly one side connects.
 * Routes received from us keep their attributes but, with no IGP route to their next hop (no
 * kernel protocol runs here, and a multihop session resolves next hops recursively), BIRD marks
 * them {@code unreachable}: {@code show route all protocol peer} still lists them with every
 * {@code BGP.*} attribute, which is all the tests read, so no {@code gateway direct} or IGP table
 * is needed. The log goes to stderr, which {@link ExternalDaemon} writes to {@code bird.log}.
 */
public final class Bird extends ExternalDaemon {
    private final String address;
    private final int port;
    private final long asn;
    private final String peerAddress;
    private final int peerPort;
    private final long peerAsn;
    static final long MED = 33;
    static final int COMMUNITY = 9;

    private final int holdTime;
    private final boolean passive;
    private List<String> staticRoutes = List.of();
    private String logClasses = "all";
    private String debug = "";
    private boolean flowSpec;
    private boolean vpn;
    private boolean multicast;
    private String security = "";

    public Bird(Path dir, String address, int port, long asn, String peerAddress, int peerPort, long peerAsn, int holdTime,
         boolean passive) {
        super(dir);
        this.address = address;
        this.port = port;
        this.asn = asn;
        this.peerAddress = peerAddress;
        this.peerPort = peerPort;
        this.peerAsn = peerAsn;
        this.holdTime = holdTime;
        this.passive = passive;
    }

    /**
     * Logs everything but the {@code remote} class (BIRD's warnings about what the peer sent, one
     * line per UPDATE, e.g. "Discarding LOCAL_PREF attribute received from EBGP neighbor"), so a
     * benchmark does not time BIRD writing its log. Call before {@link #start()}.
     */
    public Bird withoutRemoteLog() {
        logClasses = "{ debug, trace, info, warning, error, auth, fatal, bug }";
        return this;
    }

    /**
     * Traces the session's state changes and events (BIRD's {@code debug { states, events; }}), which
     * include its graceful restart as the receiving speaker: "Neighbor graceful restart detected" when
     * we go away without a NOTIFICATION, "Neighbor graceful restart done" once our End-of-RIB has
     * come after we are back. BIRD's default {@code graceful restart aware} keeps our routes meanwhile.
     * Call before {@link #start()}.
     */
    public Bird withEventLog() {
        debug = "  debug { states, events };\n";
        return this;
    }

    /**
     * TCP MD5 ({@code password}, RFC 2385) and, with {@code gtsm}, GTSM ({@code ttl security on}, RFC 5082) with
     * {@code multihop 1}: BIRD then sends with TTL 255 and accepts only 255 (256 - 1 hops). Call before {@link #start()}.
     */
    public Bird withSecurity(String password, boolean gtsm) {
        security = (password == null ? "" : "  password \"" + password + "\";\n") + (gtsm ? "  ttl security on;\n" : "");
        return this;
    }

    /** The IPv4 prefixes BIRD announces from the start (see {@link #announce(List)}). Call before {@link #start()}. */
    Bird withRoutes(List<String> prefixes) {
        staticRoutes = List.copyOf(prefixes);
        return this;
    }

    /** How many times the log says BIRD saw our End-of-RIB after a graceful restart (see {@link #withEventLog()}). */
    public int gracefulRestartsDone() {
        return (int) log().lines().filter(l -> l.contains("Neighbor graceful restart done")).count();
    }

    /**
     * The routes BIRD holds from us, from its own count ({@code show route count protocol peer}:
     * "1024 of 1024 routes for 1024 networks in table master4"); stale routes kept through our
     * restart count too.
     */
    public int routeCount() {
        for (String line : birdc("show", "route", "count", "protocol", "peer").split("\n")) {
            String t = line.strip();
            if (t.contains(" routes for ") && t.endsWith("master4")) {
                return Integer.parseInt(t.substring(0, t.indexOf(' ')));
            }
        }
        return 0;
    }

    /**
     * Speaks FlowSpec instead of IPv4 unicast: the session's channels are {@code flow4} and {@code flow6}, importing
     * into the tables {@code flowtab4} / {@code flowtab6} (no validation, RFC 8955 section 6, on an eBGP test
     * session). Call before {@link #start()}.
     */
    public Bird withFlowSpec() {
        flowSpec = true;
        return this;
    }

    /**
     * Speaks L3VPN (RFC 4364, RFC 4659) instead of IPv4 unicast: the channels {@code vpn4 mpls} and {@code vpn6 mpls},
     * importing into the tables {@code vpntab4} / {@code vpntab6}, and two static VPN routes BIRD announces:
     * {@link #VPN4_ROUTE} (RD {@code vpnRd(7)}, route target (rt, AS, 7)) and {@link #VPN6_ROUTE} ({@code vpnRd(8)},
     * (rt, AS, 8)). Call before {@link #start()}.
     *
     * <p>What BIRD 2.0.12 does on loopback, found by trying: our routes land in its VPN tables with RD, MPLS label
     * stack ({@code BGP.mpls_label_stack}) and route targets ({@code BGP.ext_community: (rt, AS, N)}), marked
     * unreachable (no IGP route to their next hop), which {@code show route all table vpntab4} lists all the same.
     * Its own routes go out with the implicit-null label 3 (RFC 3032): BIRD sends a route's MPLS labels only when it
     * keeps the route's gateway as next hop, which needs the gateway on the BGP neighbor's interface; a multihop
     * session has none, so BIRD sets next hop self and label 3 (a static {@code via "lo" mpls 200} goes out as 3 too).
     * A vpn6 route over this IPv4 session needs an IPv6 next hop: {@code next hop self} would be the IPv4 source
     * address ("Invalid NEXT_HOP attribute - zero address", the route withdrawn), so the channel sets
     * {@code next hop address} {@link #VPN6_NEXT_HOP}.
     */
    Bird withVpn() {
        vpn = true;
        return this;
    }

    /**
     * Speaks SAFI 2 multicast (RFC 4760) instead of IPv4 unicast: the channels {@code ipv4 multicast} and
     * {@code ipv6 multicast} (BIRD's {@code ipv4-mc}/{@code ipv6-mc}), importing into the tables {@code mtab4} /
     * {@code mtab6}, and two static routes BIRD announces: {@link #MULTICAST4_ROUTE} with community (AS, 3) and
     * {@link #MULTICAST6_ROUTE}. No unicast channel, so a unicast route of ours never reaches these tables. As for
     * {@link #withVpn()}, the IPv6 channel sets {@code next hop address} ({@link #VPN6_NEXT_HOP}). Call before
     * {@link #start()}.
     */
    Bird withMulticast() {
        multicast = true;
        return this;
    }

    static final String MULTICAST4_ROUTE = "10.93.0.0/24";
    static final String MULTICAST6_ROUTE = "2001:db8:93::/48";

    static final String VPN4_ROUTE = "10.92.0.0/24";
    static final String VPN6_ROUTE = "2001:db8:92::/48";
    static final String VPN6_NEXT_HOP = "2001:db8::92";

    /** The RD of BIRD's static VPN route {@code n} (7: IPv4, 8: IPv6): {@code AS:n}. */
    String vpnRd(int n) {
        return asn + ":" + n;
    }

    @Override
    String name() {
        return "bird";
    }

    /** BIRD's control socket (what {@code birdc -s} talks to). */
    public Path socket() {
        return dir.resolve("bird.ctl");
    }

    private void writeConfig() throws IOException {
        StringBuilder routes = new StringBuilder();
        for (String r : staticRoutes) {
            routes.append("  route ").append(r).append(" blackhole;\n");
        }
        String conf = """
                router id %s;
                log stderr %s;
                protocol device { }
                protocol static announced {
                  ipv4;
                %s}
                protocol bgp peer {
                  local %s port %d as %d;
                  neighbor %s port %d as %d;
                  multihop%s;
                  hold time %d;
                  passive %s;
                  connect retry time 1;
                  error wait time 1, 2;
                %s%s%s
                }
                """.formatted(address, logClasses, routes, address, port, asn, peerAddress, peerPort, peerAsn,
                security.contains("ttl security") ? " 1" : "", holdTime,
                passive ? "on" : "off", debug, security, channels());
        if (flowSpec) {
            conf = "flow4 table flowtab4;\nflow6 table flowtab6;\n" + conf;
        }
        if (vpn) {
            conf = """
                    vpn4 table vpntab4;
                    vpn6 table vpntab6;
                    protocol static svpn4 {
                      vpn4 { table vpntab4; };
                      route %1$s unreachable { bgp_ext_community.add((rt, %2$d, 7)); };
                    }
                    protocol static svpn6 {
                      vpn6 { table vpntab6; };
                      route %3$s unreachable { bgp_ext_community.add((rt, %2$d, 8)); };
                    }
                    """.formatted(vpnRd(7) + " " + VPN4_ROUTE, asn, vpnRd(8) + " " + VPN6_ROUTE) + conf;
        }
        if (multicast) {
            conf = """
                    ipv4 table mtab4;
                    ipv6 table mtab6;
                    protocol static smc4 {
                      ipv4 { table mtab4; };
                      route %1$s unreachable { bgp_community.add((%2$d, 3)); };
                    }
                    protocol static smc6 {
                      ipv6 { table mtab6; };
                      route %3$s unreachable;
                    }
                    """.formatted(MULTICAST4_ROUTE, asn, MULTICAST6_ROUTE) + conf;
        }
        Files.writeString(dir.resolve("bird.conf"), conf);
    }

    /** The session's channels: FlowSpec, L3VPN, multicast or (by default) IPv4 unicast exporting the static routes. */
    private String channels() {
        if (flowSpec) {
            return """
                      flow4 { table flowtab4; import all; export none; };
                      flow6 { table flowtab6; import all; export none; };
                    """;
        }
        if (vpn) {
            return """
                      vpn4 mpls { table vpntab4; import all; export all; next hop self; };
                      vpn6 mpls { table vpntab6; import all; export all; next hop address %s; };
                    """.formatted(VPN6_NEXT_HOP);
        }
        if (multicast) {
            return """
                      ipv4 multicast { table mtab4; import all; export all; next hop self; };
                      ipv6 multicast { table mtab6; import all; export all; next hop address %s; };
                    """.formatted(VPN6_NEXT_HOP);
        }
        return """
                  ipv4 {
                    import all;
                    export filter {
                      if proto != "announced" then reject;
                      bgp_med = %d;
                      bgp_community.add((%d, %d));
                      accept;
                    };
                    next hop self;
                  };
                """.formatted(MED, asn, COMMUNITY);
    }

    @Override
    List<String> command() throws IOException {
        Files.createDirectories(dir);
        writeConfig();
        return List.of("bird", "-f", "-c", dir.resolve("bird.conf").toString(), "-s", socket().toString(),
                "-P", dir.resolve("bird.pid").toString());
    }

    public String birdc(String... args) {
        List<String> cmd = new ArrayList<>(List.of("birdc", "-s", socket().toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    public boolean established() {
        return birdc("show", "protocols", "peer").contains("Established");
    }

    /** {@code show route all protocol peer}: the routes BIRD received from us, with attributes. */
    String receivedRoutes() {
        return birdc("show", "route", "all", "protocol", "peer");
    }

    /**
     * {@link #receivedRoutes()} cut per route: prefix -> its lines (the route line, then the
     * indented {@code Type:} and {@code BGP.*} lines). Output looks like:
     * <pre>
     * Table master4:
     * 10.41.0.0/24         unreachable [peer 03:01:49.132 from 127.0.0.41] * (100) [AS65041i]
     * 	Type: BGP univ
     * 	BGP.origin: IGP
     * 	BGP.next_hop: 192.0.2.1
     * </pre>
     */
    Map<String, String> receivedRouteBlocks() {
        return blocks(receivedRoutes(), 1);
    }

    /**
     * {@code show route all table TABLE} of a VPN table cut per route: "RD PREFIX" -> its lines. Output looks like:
     * <pre>
     * Table vpntab4:
     * 65091:1 10.1.0.0/24  unreachable [peer 07:54:18.877 from 127.0.92.1] * (100) [AS65091i]
     * 	Type: BGP univ
     * 	BGP.next_hop: 192.0.2.91
     * 	BGP.ext_community: (rt, 65091, 1)
     * 	BGP.mpls_label_stack: 1000
     * </pre>
     */
    Map<String, String> vpnRoutes(String table) {
        return blocks(birdc("show", "route", "all", "table", table), 2);
    }

    /** {@code show route all table TABLE} of a prefix table (e.g. {@code mtab4}) cut per route: prefix -> its lines. */
    Map<String, String> tableRoutes(String table) {
        return blocks(birdc("show", "route", "all", "table", table), 1);
    }

    /** {@code birdc show route all} output cut per route: its first {@code keyWords} words -> its lines. */
    private static Map<String, String> blocks(String shown, int keyWords) {
        Map<String, String> blocks = new LinkedHashMap<>();
        String current = null;
        StringBuilder block = new StringBuilder();
        for (String line : shown.split("\n")) {
            if (line.isBlank() || line.startsWith("BIRD ") || line.startsWith("Table ")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                if (current != null) {
                    blocks.put(current, block.toString());
                }
                String[] words = line.split("\\s+");
                current = String.join(" ", java.util.Arrays.asList(words).subList(0, keyWords));
                block = new StringBuilder();
            }
            block.append(line.strip()).append('\n');
        }
        if (current != null) {
            blocks.put(current, block.toString());
        }
        return blocks;
    }

    /**
     * Replaces the routes BIRD announces (IPv4 prefixes, e.g. {@code 10.9.0.0/24}): rewrites the
     * configuration and reloads it (BIRD must be up; birdc exits 0 even when the reload fails, so
     * its answer is checked).
     */
    void announce(List<String> prefixes) throws IOException {
        staticRoutes = List.copyOf(prefixes);
        writeConfig();
        String answer = birdc("configure");
        if (!answer.contains("Reconfigured") && !answer.contains("Reconfiguration in progress")) {
            throw new IllegalStateException("BIRD did not reload its configuration: " + answer);
        }
    }
}
