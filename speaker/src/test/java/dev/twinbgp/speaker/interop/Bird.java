package dev.twinbgp.speaker.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * BIRD 2 (Debian package {@code bird2}) on a loopback address with one BGP peer called
 * {@code peer}. Loopback peers are not on a directly connected network as BIRD sees it, so
 * the session is {@code multihop}. Routes it announces come from a static protocol;
 * {@link #announce(List)} rewrites the configuration and asks BIRD to reload it.
 */
final class Bird extends ExternalDaemon {
    private final String address;
    private final int port;
    private final long asn;
    private final String peerAddress;
    private final int peerPort;
    private final long peerAsn;
    private final int holdTime;
    private List<String> staticRoutes = List.of();

    Bird(Path dir, String address, int port, long asn, String peerAddress, int peerPort, long peerAsn, int holdTime) {
        super(dir);
        this.address = address;
        this.port = port;
        this.asn = asn;
        this.peerAddress = peerAddress;
        this.peerPort = peerPort;
        this.peerAsn = peerAsn;
        this.holdTime = holdTime;
    }

    @Override
    String name() {
        return "bird";
    }

    private Path socket() {
        return dir.resolve("bird.ctl");
    }

    private void writeConfig() throws IOException {
        StringBuilder routes = new StringBuilder();
        for (String r : staticRoutes) {
            routes.append("  route ").append(r).append(" blackhole;\n");
        }
        String conf = """
                router id %s;
                log stderr all;
                protocol device { }
                protocol static announced {
                  ipv4;
                %s}
                protocol bgp peer {
                  local %s port %d as %d;
                  neighbor %s port %d as %d;
                  multihop;
                  hold time %d;
                  connect retry time 1;
                  error wait time 1, 2;
                  ipv4 { import all; export where proto = "announced"; next hop self; };
                }
                """.formatted(address, routes, address, port, asn, peerAddress, peerPort, peerAsn, holdTime);
        Files.writeString(dir.resolve("bird.conf"), conf);
    }

    @Override
    List<String> command() throws IOException {
        Files.createDirectories(dir);
        writeConfig();
        return List.of("bird", "-f", "-c", dir.resolve("bird.conf").toString(), "-s", socket().toString(),
                "-P", dir.resolve("bird.pid").toString());
    }

    String birdc(String... args) {
        List<String> cmd = new ArrayList<>(List.of("birdc", "-s", socket().toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    boolean established() {
        return birdc("show", "protocols", "peer").contains("Established");
    }

    /** {@code show route all protocol peer}: the routes BIRD received from us, with attributes. */
    String receivedRoutes() {
        return birdc("show", "route", "all", "protocol", "peer");
    }

    /** Replaces the routes BIRD announces (IPv4 prefixes, e.g. {@code 10.9.0.0/24}). */
    void announce(List<String> prefixes) throws IOException {
        staticRoutes = List.copyOf(prefixes);
        writeConfig();
        birdc("configure");
    }
}
