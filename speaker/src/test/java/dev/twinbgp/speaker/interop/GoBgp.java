package dev.twinbgp.speaker.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * GoBGP ({@code gobgpd}, Debian package {@code gobgpd}) on a loopback address with one
 * neighbor; read back and driven through the {@code gobgp} client over its gRPC port.
 */
public final class GoBgp extends ExternalDaemon {
    public static final int ESTABLISHED = 6; // apipb.PeerState

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String address;
    private final int port;
    private final int apiPort;
    private final long asn;
    private final String peerAddress;
    private List<String> families = List.of("ipv4-unicast", "ipv6-unicast");
    private final int peerPort;
    private final long peerAsn;
    private final int holdTime;
    private final boolean passive;
    private int gracefulRestartTime = -1;
    private String logLevel = "info";

    /** {@code passive}: only accept the neighbor's connection, never connect (GoBGP {@code passive-mode}). */
    public GoBgp(Path dir, String address, int port, int apiPort, long asn,
          String peerAddress, int peerPort, long peerAsn, int holdTime, boolean passive) {
        super(dir);
        this.address = address;
        this.port = port;
        this.apiPort = apiPort;
        this.asn = asn;
        this.peerAddress = peerAddress;
        this.peerPort = peerPort;
        this.peerAsn = peerAsn;
        this.holdTime = holdTime;
        this.passive = passive;
    }

    /**
     * Enables graceful restart (RFC 4724) for the neighbor and each family, which GoBGP needs to keep
     * the routes of a neighbor that restarts (it is off by default). Call before {@link #start()}.
     */
    public GoBgp withGracefulRestart(int restartTime) {
        gracefulRestartTime = restartTime;
        return this;
    }

    /** The IPv4 unicast paths in GoBGP's global RIB, from {@code gobgp global rib summary} ("Destination: N, Path: M"). */
    public int ribPaths() {
        for (String line : gobgp("global", "rib", "summary", "-a", "ipv4").split("\n")) {
            int at = line.indexOf("Path: ");
            if (at >= 0) {
                return Integer.parseInt(line.substring(at + 6).strip());
            }
        }
        throw new IllegalStateException("no path count in gobgp global rib summary");
    }

    /**
     * Whether GoBGP has received the neighbor's End-of-RIB for IPv4 unicast in the current session
     * ({@code afi_safis[].mp_graceful_restart.state.end_of_rib_received}; GoBGP clears it when the
     * session goes down). Needs {@link #withGracefulRestart(int)}.
     */
    public boolean endOfRibReceived() {
        for (JsonNode afiSafi : neighbor().path("afi_safis")) {
            if (afiSafi.path("config").path("family").path("afi").asInt() == 1
                    && afiSafi.path("config").path("family").path("safi").asInt() == 1) {
                return afiSafi.path("mp_graceful_restart").path("state").path("end_of_rib_received").asBoolean(false);
            }
        }
        return false;
    }

    /**
     * Logs at debug level: GoBGP then logs each received UPDATE as it decoded it ("received update"), the one view
     * of families its CLI cannot show (GoBGP 3.10's {@code gobgp global rib -a} has no SR Policy family).
     */
    GoBgp withDebugLog() {
        logLevel = "debug";
        return this;
    }

    /** The AFI-SAFIs (GoBGP's names, e.g. {@code ipv4-flowspec}) to configure, instead of IPv4 and IPv6 unicast. */
    GoBgp families(String... names) {
        families = List.of(names);
        return this;
    }

    @Override
    String name() {
        return "gobgpd";
    }

    @Override
    List<String> command() throws IOException {
        String toml = """
                [global.config]
                  as = %d
                  router-id = "%s"
                  port = %d
                  local-address-list = ["%s"]

                [[neighbors]]
                  [neighbors.config]
                    neighbor-address = "%s"
                    peer-as = %d
                  [neighbors.transport.config]
                    local-address = "%s"
                    remote-port = %d
                    passive-mode = %b
                  [neighbors.timers.config]
                    hold-time = %d
                    keepalive-interval = %d
                    connect-retry = 1
                    idle-hold-time-after-reset = 1
                """.formatted(asn, address, port, address, peerAddress, peerAsn, address, peerPort, passive,
                holdTime, Math.max(1, holdTime / 3));
        for (String family : families) {
            toml += """
                  [[neighbors.afi-safis]]
                    [neighbors.afi-safis.config]
                      afi-safi-name = "%s"
                """.formatted(family) + familyGracefulRestart();
        }
        if (gracefulRestartTime >= 0) {
            toml += """
                      [neighbors.graceful-restart.config]
                        enabled = true
                        restart-time = %d
                    """.formatted(gracefulRestartTime);
        }
        Path conf = dir.resolve("gobgpd.toml");
        Files.writeString(conf, toml);
        return List.of("gobgpd", "-f", conf.toString(), "--api-hosts", address + ":" + apiPort,
                "-l", logLevel);
    }

    private String familyGracefulRestart() {
        return gracefulRestartTime < 0 ? "" : """
                    [neighbors.afi-safis.mp-graceful-restart.config]
                      enabled = true
                """;
    }

    private List<String> cli(String... args) {
        List<String> cmd = new ArrayList<>(List.of("gobgp", "-u", address, "-p", Integer.toString(apiPort)));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs {@code gobgp -u <address> -p <api port> args...} and returns its output. */
    public String gobgp(String... args) {
        return run(cli(args));
    }

    JsonNode json(String... args) {
        try {
            return JSON.readTree(run(cli(args)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code gobgp neighbor <peer> -j}: the neighbor's configuration and state (session_state, adj_table counts, ...). */
    public JsonNode neighbor() {
        return json("neighbor", peerAddress, "-j");
    }

    public int sessionState() {
        return neighbor().path("state").path("session_state").asInt();
    }

    /**
     * {@code gobgp neighbor <peer> adj-in -a <afi> -j}: prefix -> list of paths. A prefix whose
     * list is empty was received but treated as withdraw (GoBGP logs why, e.g. "invalid nexthop
     * address" for a loopback next hop).
     */
    JsonNode adjIn(String afi) {
        return json("neighbor", peerAddress, "adj-in", "-a", afi, "-j");
    }

    /** The prefixes GoBGP holds from the neighbor, each with its first path, e.g. {@code {"attrs":[{"type":1,"value":0}, ...]}}. */
    ObjectNode adjInPaths(String afi) {
        ObjectNode out = JSON.createObjectNode();
        adjIn(afi).properties().forEach(e -> {
            if (e.getValue().isArray() && !e.getValue().isEmpty()) {
                out.set(e.getKey(), e.getValue().get(0));
            }
        });
        return out;
    }

    /** The attribute with this type code in a path's {@code attrs} array (a missing node if absent). */
    static JsonNode attribute(JsonNode attrs, int typeCode) {
        for (JsonNode a : attrs) {
            if (a.path("type").asInt() == typeCode) {
                return a;
            }
        }
        return JSON.missingNode();
    }

    /** The ASNs of an AS_PATH attribute ({@code {"type":2,"as_paths":[{"type":2,"asns":[65031]}]}}), in order. */
    static List<Long> asPath(JsonNode attrs) {
        List<Long> asns = new ArrayList<>();
        for (JsonNode segment : attribute(attrs, 2).path("as_paths")) {
            segment.path("asns").forEach(a -> asns.add(a.asLong()));
        }
        return asns;
    }

    void addRoute(String afi, String prefix, String... attributes) {
        List<String> args = new ArrayList<>(List.of("global", "rib", "add", prefix));
        args.addAll(List.of(attributes));
        args.addAll(List.of("-a", afi));
        run(cli(args.toArray(String[]::new)));
    }

    void deleteRoute(String afi, String prefix) {
        run(cli("global", "rib", "del", prefix, "-a", afi));
    }

    /**
     * Whether the log shows a Cease / Administrative Shutdown NOTIFICATION received from the
     * neighbor. gobgpd 3.x logs one JSON object per line:
     * <pre>
     * {"Code":6,"Communicated-Reason":"","Data":null,"Key":"127.0.0.33","Subcode":2,"Topic":"Peer","level":"warning","msg":"received notification",...}
     * {"Key":"127.0.0.33","Reason":"notification-received code 6(cease) subcode 2(administrative shutdown)",...,"msg":"Peer Down",...}
     * </pre>
     */
    public boolean receivedCease() {
        for (String line : log().split("\n")) {
            if (!line.startsWith("{")) {
                continue;
            }
            try {
                JsonNode event = JSON.readTree(line);
                if ("received notification".equals(event.path("msg").asText()) && event.path("Code").asInt() == 6
                        && event.path("Subcode").asInt() == 2 && peerAddress.equals(event.path("Key").asText())) {
                    return true;
                }
            } catch (IOException notJson) {
                // a partly written last line: look again on the next poll
            }
        }
        return false;
    }
}
