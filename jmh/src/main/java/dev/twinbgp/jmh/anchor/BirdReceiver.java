package dev.twinbgp.jmh.anchor;

import dev.twinbgp.speaker.interop.Bird;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BIRD 2 as an anchor: speaker's interop {@link Bird} (multihop, since a loopback peer is not on a
 * connected network as BIRD sees it; {@code passive on}; {@code import all}), polled over one
 * {@link BirdControl} connection. Its log leaves out the {@code remote} class: the diverse table
 * carries LOCAL_PREF, which BIRD discards on an eBGP session with one log line per UPDATE.
 *
 * <p>The poll is {@code show protocols all peer}, whose {@code Routes: N imported} is the
 * channel's import counter (O(1) for BIRD). {@code show route count} would be exact too but walks
 * the whole table on BIRD's only thread (about a million nodes per poll), slowing the import it
 * measures, so it is only the final check.
 */
final class BirdReceiver implements AnchorReceiver {
    private static final Pattern IMPORTED = Pattern.compile("Routes:\\s+(\\d+) imported");
    private static final Pattern MASTER4 = Pattern.compile("(\\d+) of (\\d+) routes for (\\d+) networks in table master4");
    private static final int HOLD_TIME = 90;

    private final Bird bird;
    private final BirdControl control;

    private BirdReceiver(Bird bird, BirdControl control) {
        this.bird = bird;
        this.control = control;
    }

    static BirdReceiver start(Path dir, Endpoint at) throws IOException {
        return start(dir, at, false);
    }

    /** With {@code flowSpec}, the session's channels are flow4 and flow6 ({@link Bird#withFlowSpec()}). */
    static BirdReceiver start(Path dir, Endpoint at, boolean flowSpec) throws IOException {
        // Passive: the port it would connect to is never used; its own is where it listens.
        Bird bird = new Bird(dir, at.address(), at.port(), at.asn(), at.peerAddress(), at.port(), at.peerAsn(),
                HOLD_TIME, true).withoutRemoteLog();
        if (flowSpec) {
            bird.withFlowSpec();
        }
        try {
            bird.start();
            // Race: the protocol is listed as soon as BIRD has read its configuration, but it
            // listens only once the BGP protocol has started ("BGP state: Passive"); a connect
            // before that is refused.
            bird.await("BIRD listening", Duration.ofSeconds(60),
                    () -> bird.birdc("show", "protocols", "all", "peer").contains("BGP state:          Passive"));
            return new BirdReceiver(bird, BirdControl.connect(bird.socket()));
        } catch (IOException | RuntimeException | AssertionError e) {
            bird.close();
            throw e;
        }
    }

    @Override
    public long routesImported() {
        Matcher m = IMPORTED.matcher(command("show protocols all peer"));
        return m.find() ? Long.parseLong(m.group(1)) : 0; // no "Routes:" line before the channel is up
    }

    @Override
    public long prefixesInTable() {
        String answer = command("show route count");
        Matcher m = MASTER4.matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException("unexpected 'show route count' answer: " + answer);
        }
        return Long.parseLong(m.group(3));
    }

    @Override
    public boolean established() {
        return command("show protocols peer").contains("Established");
    }

    @Override
    public long pid() {
        return bird.pid();
    }

    @Override
    public boolean alive() {
        return bird.alive();
    }

    @Override
    public String log() {
        return bird.log();
    }

    @Override
    public String diagnostics() {
        try {
            return control.command("show protocols all peer");
        } catch (IOException | RuntimeException e) {
            return "(no answer from BIRD: " + e.getMessage() + ")";
        }
    }

    private String command(String line) {
        try {
            return control.command(line);
        } catch (IOException e) {
            throw new UncheckedIOException("BIRD control socket: " + e.getMessage() + "; its log:\n" + bird.log(), e);
        }
    }

    @Override
    public void close() {
        try {
            control.close();
        } catch (IOException ignored) {
            // closing a Unix socket BIRD may already have closed: nothing to do
        } finally {
            bird.close();
        }
    }
}
