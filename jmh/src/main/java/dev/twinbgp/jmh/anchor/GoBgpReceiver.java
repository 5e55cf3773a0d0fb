package dev.twinbgp.jmh.anchor;

import dev.twinbgp.speaker.interop.GoBgp;
import dev.twinbgp.speaker.session.FreePort;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GoBGP as an anchor: speaker's interop {@link GoBgp} in {@code passive-mode}, driven with the
 * {@code gobgp} client over its gRPC port (its own free port on the daemon's address).
 *
 * <p>The poll and the final check are the same query, {@code gobgp global rib summary -a ipv4}
 * ({@code Destination: N}: prefixes in its global RIB). GoBGP 3.10's {@code gobgp neighbor <peer> -j}
 * has no Adj-RIB-In counts (no {@code adj_table} in its state, found by trying), only message counts.
 * Each poll starts a {@code gobgp} process (about 10-15 ms), hence {@link Anchor#GOBGP}'s longer pause.
 */
final class GoBgpReceiver implements AnchorReceiver {
    private static final Pattern DESTINATIONS = Pattern.compile("Destination: (\\d+)");
    private static final int HOLD_TIME = 90;

    private final GoBgp gobgp;

    private GoBgpReceiver(GoBgp gobgp) {
        this.gobgp = gobgp;
    }

    static GoBgpReceiver start(Path dir, Endpoint at) throws IOException {
        InetAddress address = InetAddress.getByName(at.address()); // a literal: no lookup
        int apiPort = FreePort.on(address);
        while (apiPort == at.port()) {
            apiPort = FreePort.on(address);
        }
        GoBgp gobgp = new GoBgp(dir, at.address(), at.port(), apiPort, at.asn(), at.peerAddress(), at.port(),
                at.peerAsn(), HOLD_TIME, true);
        try {
            gobgp.start();
            gobgp.await("GoBGP's API", Duration.ofSeconds(60), () -> gobgp.neighbor().has("state"));
            return new GoBgpReceiver(gobgp);
        } catch (IOException | RuntimeException | AssertionError e) {
            gobgp.close();
            throw e;
        }
    }

    @Override
    public long routesImported() {
        return prefixesInTable();
    }

    @Override
    public long prefixesInTable() {
        String answer = gobgp.gobgp("global", "rib", "summary", "-a", "ipv4");
        Matcher m = DESTINATIONS.matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException("unexpected 'gobgp global rib summary' answer: " + answer);
        }
        return Long.parseLong(m.group(1));
    }

    @Override
    public boolean established() {
        return gobgp.sessionState() == GoBgp.ESTABLISHED;
    }

    @Override
    public long pid() {
        return gobgp.pid();
    }

    @Override
    public boolean alive() {
        return gobgp.alive();
    }

    @Override
    public String log() {
        return gobgp.log();
    }

    @Override
    public String diagnostics() {
        try {
            return gobgp.neighbor().path("state").toString() + "\n" + gobgp.gobgp("global", "rib", "summary", "-a", "ipv4");
        } catch (RuntimeException e) {
            return "(no answer from gobgp: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        gobgp.close();
    }
}
