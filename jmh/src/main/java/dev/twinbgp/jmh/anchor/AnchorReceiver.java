package dev.twinbgp.jmh.anchor;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A running anchor daemon that receives one eBGP session on loopback, passive (it only accepts
 * the sender's connection), with a generated configuration in its own directory.
 */
public sealed interface AnchorReceiver extends AutoCloseable permits BirdReceiver, GoBgpReceiver {

    /** Where the daemon listens and whom it expects; {@code port} is its BGP port. */
    record Endpoint(String address, int port, long asn, String peerAddress, long peerAsn) {
    }

    /**
     * Starts the daemon in {@code dir} and waits until it answers its control interface (untimed
     * setup); it then waits, passive, for the sender.
     */
    public static AnchorReceiver start(Anchor anchor, Path dir, Endpoint at) throws IOException {
        anchor.requireInstalled();
        return switch (anchor) {
            case BIRD -> BirdReceiver.start(dir, at);
            case GOBGP -> GoBgpReceiver.start(dir, at);
        };
    }

    /**
     * BIRD 2 receiving IPv4 and IPv6 FlowSpec instead of IPv4 unicast (channels {@code flow4} and {@code flow6},
     * import all): {@link #routesImported} then counts the FlowSpec rules of the first channel, {@code flow4}.
     */
    public static AnchorReceiver birdFlowSpec(Path dir, Endpoint at) throws IOException {
        Anchor.BIRD.requireInstalled();
        return BirdReceiver.start(dir, at, true);
    }

    /**
     * The cheap query polled while the table streams in: routes the daemon has imported from the
     * sender so far (its import counter, not a walk of its table).
     */
    long routesImported();

    /** The expensive, exact check after the transfer: prefixes in the daemon's IPv4 table. */
    long prefixesInTable();

    boolean established();

    /** The daemon's process id, for its peak RSS ({@code VmHWM} in /proc). */
    long pid();

    boolean alive();

    /** The daemon's log, for failure messages. */
    String log();

    /** What the daemon says about the session, for failure messages (never throws). */
    String diagnostics();

    @Override
    void close();
}
