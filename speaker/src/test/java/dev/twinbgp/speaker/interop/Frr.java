package dev.twinbgp.speaker.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * FRR's {@code bgpd} (Debian package {@code frr}, {@code /usr/lib/frr/bgpd}) on a loopback address
 * with one neighbor, read back through {@code vtysh}. Nothing of the FRR service is used: this
 * bgpd has its own configuration, pid file and vty socket directory (all in {@link #dir}), runs
 * without zebra ({@code -Z}: no routes go to the kernel, {@code -n}), listens only on its address
 * and port ({@code -l}, {@code -p}), opens no vty TCP port ({@code -P 0}) and keeps the user it was
 * started as ({@code -S}). Its log goes to stdout, which {@link ExternalDaemon} writes to
 * {@code bgpd.log}.
 *
 * <p>What works, found by trying (FRR 8.4, Debian 12): a loopback neighbor is not directly
 * connected, so the session needs {@code ebgp-multihop}; {@code no bgp ebgp-requires-policy} lets it
 * accept our routes without a route map (RFC 8212 is FRR's default); with no zebra, next hops stay
 * unresolved but the routes are received and counted ({@code pfxRcd}). Graceful restart helper mode
 * (keeping a restarting neighbor's routes) is FRR's default; the configuration also says it.
 */
public final class Frr extends ExternalDaemon {
    /** Where Debian installs the daemon (it is not on the PATH). */
    public static final String BGPD = "/usr/lib/frr/bgpd";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String address;
    private final int port;
    private final long asn;
    private final String peerAddress;
    private final int peerPort;
    private final long peerAsn;
    private final int holdTime;
    private final boolean passive;
    private List<String> families = List.of("ipv4 unicast");
    private String password;
    private boolean gtsm;

    /** {@code passive}: only accept the neighbor's connection ({@code neighbor ... passive}). */
    public Frr(Path dir, String address, int port, long asn, String peerAddress, int peerPort, long peerAsn, int holdTime,
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

    /** The address families to activate, in FRR's spelling ({@code ipv4 flowspec}); default IPv4 unicast. */
    public Frr withFamilies(String... names) {
        families = List.of(names);
        return this;
    }

    private final List<String[]> others = new ArrayList<>();
    private final java.util.Map<String, List<String>> familyLines = new java.util.HashMap<>();

    /**
     * Lines FRR's configuration gives the address family {@code family} (one of {@link #withFamilies}), e.g.
     * {@code network 10.88.0.0/24}: with {@code no bgp network import-check} FRR originates such a network without
     * a route to it. Call before {@link #start()}.
     */
    public Frr withFamilyLines(String family, String... lines) {
        familyLines.computeIfAbsent(family, f -> new ArrayList<>()).addAll(List.of(lines));
        return this;
    }

    private final List<String> globalLines = new ArrayList<>();

    /** Lines before {@code router bgp}, e.g. a {@code route-map} that a {@code network} line names. Call before {@link #start()}. */
    public Frr withGlobalLines(String... lines) {
        globalLines.addAll(List.of(lines));
        return this;
    }

    /** Changes the running configuration: {@code lines} under {@code address-family family} of our {@code router bgp}. */
    public String configureFamily(String family, String... lines) {
        List<String> cmd = new ArrayList<>(List.of("vtysh", "--vty_socket", dir.toString(), "-d", "bgpd",
                "-c", "configure terminal", "-c", "router bgp " + asn, "-c", "address-family " + family));
        for (String line : lines) {
            cmd.addAll(List.of("-c", line));
        }
        return run(cmd);
    }

    /**
     * A second neighbor at {@code address} in {@code asn}, passive, its families those of the first: FRR then passes
     * what one neighbor sends to the other (eBGP), which is how a test makes FRR send routes it cannot originate.
     */
    public Frr withNeighbor(String address, long asn) {
        others.add(new String[] {address, Long.toString(asn)});
        return this;
    }

    /**
     * TCP MD5 ({@code neighbor P password}, RFC 2385) and, with {@code gtsm}, GTSM ({@code neighbor P ttl-security
     * hops 1}, RFC 5082: FRR sends with TTL 255 and accepts 255 only), which FRR allows instead of
     * {@code ebgp-multihop}. Call before {@link #start()}.
     */
    public Frr withSecurity(String password, boolean gtsm) {
        this.password = password;
        this.gtsm = gtsm;
        return this;
    }

    /** Whether FRR's bgpd and vtysh are installed. */
    public static boolean installed() {
        return new java.io.File(BGPD).canExecute() && ExternalDaemon.installed("vtysh");
    }

    @Override
    String name() {
        return "bgpd";
    }

    @Override
    List<String> command() throws IOException {
        Files.createDirectories(dir);
        String p = peerAddress;
        String conf = """
                frr defaults traditional
                hostname twinbgp-test-frr
                log stdout informational
                %srouter bgp %d
                 bgp router-id %s
                 no bgp ebgp-requires-policy
                 no bgp network import-check
                 neighbor %s remote-as %d
                 neighbor %s port %d
                 neighbor %s timers %d %d
                 neighbor %s timers connect 1
                 neighbor %s update-source %s
                 neighbor %s %s
                 neighbor %s graceful-restart-helper
                %s%s""".formatted(globalLines.stream().map(l -> l + "\n").collect(java.util.stream.Collectors.joining()), asn, address, p, peerAsn, p, peerPort, p, Math.max(1, holdTime / 3), holdTime, p, p, address, p,
                gtsm ? "ttl-security hops 1" : "ebgp-multihop 255", p,
                passive ? " neighbor " + p + " passive\n" : "",
                password == null ? "" : " neighbor " + p + " password " + password + "\n");
        StringBuilder afs = new StringBuilder(conf);
        if (families.contains("ipv4 labeled-unicast") && !families.contains("ipv4 unicast")) {
            // FRR activates IPv4 unicast by default and refuses labeled-unicast beside it
            afs.append(" address-family ipv4 unicast\n  no neighbor ").append(p).append(" activate\n exit-address-family\n");
        }
        for (String[] other : others) {
            afs.append(" neighbor ").append(other[0]).append(" remote-as ").append(other[1]).append('\n')
                    .append(" neighbor ").append(other[0]).append(" timers ").append(Math.max(1, holdTime / 3)).append(' ')
                    .append(holdTime).append('\n')
                    .append(" neighbor ").append(other[0]).append(" ebgp-multihop 255\n")
                    .append(" neighbor ").append(other[0]).append(" passive\n");
        }
        for (String family : families) {
            afs.append(" address-family ").append(family).append('\n')
                    .append("  neighbor ").append(p).append(" activate\n");
            for (String[] other : others) {
                afs.append("  neighbor ").append(other[0]).append(" activate\n");
            }
            for (String line : familyLines.getOrDefault(family, List.of())) {
                afs.append("  ").append(line).append('\n');
            }
            afs.append(" exit-address-family\n");
        }
        conf = afs.toString();
        Files.writeString(dir.resolve("bgpd.conf"), conf);
        return List.of(BGPD, "-f", dir.resolve("bgpd.conf").toString(), "-i", dir.resolve("bgpd.pid").toString(),
                "--vty_socket", dir.toString(), "-z", dir.resolve("zserv.api").toString(),
                "-S", "-Z", "-n", "-l", address, "-p", Integer.toString(port), "-P", "0");
    }

    /** Runs {@code vtysh} against this bgpd only ({@code -d bgpd}, its own vty socket directory). */
    public String vtysh(String command) {
        return run(new ArrayList<>(List.of("vtysh", "--vty_socket", dir.toString(), "-d", "bgpd", "-c", command)));
    }

    /** {@code vtysh -c command} read as JSON (a {@code show ... json} command). */
    JsonNode json(String command) {
        try {
            return JSON.readTree(vtysh(command));
        } catch (IOException e) {
            throw new IllegalStateException("vtysh " + command + ": not JSON: " + e.getMessage(), e);
        }
    }

    /** {@code show bgp neighbors PEER json}: the neighbor's state, capabilities, graceful restart info. */
    public JsonNode neighbor() {
        return json("show bgp neighbors " + peerAddress + " json").path(peerAddress);
    }

    public boolean established() {
        return "Established".equals(neighbor().path("bgpState").asText());
    }

    /**
     * The IPv4 unicast prefixes FRR holds from the neighbor ({@code pfxRcd} of
     * {@code show bgp ipv4 unicast summary json}); stale routes kept through its restart count too.
     */
    public int prefixesReceived() {
        return json("show bgp ipv4 unicast summary json").path("peers").path(peerAddress).path("pfxRcd").asInt();
    }

    /**
     * Whether FRR has received the neighbor's IPv4 unicast End-of-RIB in the current session
     * ({@code gracefulRestartInfo.endOfRibRecv.ipv4Unicast}; FRR clears it when the session goes down).
     */
    public boolean endOfRibReceived() {
        return neighbor().path("gracefulRestartInfo").path("endOfRibRecv").path("ipv4Unicast").asBoolean(false);
    }
}
