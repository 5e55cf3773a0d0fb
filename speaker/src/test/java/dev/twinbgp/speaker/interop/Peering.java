package dev.twinbgp.speaker.interop;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import dev.twinbgp.speaker.session.Ports;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixture of the interop tests: a real daemon on a loopback address with a generated configuration, peered
 * with a twinbgp speaker on the reactor under test. A family's test supplies only what is its own - the daemon's
 * families, our routes (or an ExaBGP configuration fragment) and its checks:
 * <pre>
 *   GoBgpPeering p = gobgp(OUR_AS, THEIR_AS);            // free ports picked, the daemon configured, not started
 *   p.daemon().families("l2vpn-evpn");                   // what the family needs of the daemon
 *   p.start(List.of(Family.L2VPN_EVPN), routes);         // both sides, in the order the daemon needs; Established
 *   p.daemon().await(...); p.ours().awaitJson(...);      // the checks: the daemon's view, our RIB and JSON
 * </pre>
 * Who connects is the daemon's (a subclass): GoBGP connects to our listening port, FRR and BIRD are passive and we
 * connect. {@link #close()} (called after each test by {@link AbstractInteropTest}) stops our speakers, which send
 * their Cease, then the daemon.
 */
abstract class Peering<D extends ExternalDaemon> implements AutoCloseable {
    /** Hold time of both sides (keepalive a third): a session that dies is seen in seconds. */
    static final int HOLD_TIME = 9;

    final String reactor;
    final String ours;
    final String theirs;
    final long ourAs;
    final long theirAs;
    /** Our listening port (where a daemon that connects connects; for a passive daemon only its configured target). */
    final int ourPort;
    /** The daemon's listening port. */
    final int theirPort;
    final List<TwinSpeaker> speakers = new ArrayList<>();
    private final String name;

    Peering(String name, String reactor, String ours, String theirs, long ourAs, long theirAs) {
        this.name = name;
        this.reactor = reactor;
        this.ours = ours;
        this.theirs = theirs;
        this.ourAs = ourAs;
        this.theirAs = theirAs;
        this.ourPort = Ports.freeOn(ours);
        this.theirPort = Ports.freeOn(theirs);
    }

    /** The daemon, to configure before {@link #start} and to read after. */
    abstract D daemon();

    /** Whether the daemon connects to us (we only listen) rather than we to it (it is passive). */
    abstract boolean daemonConnects();

    /** Waits until a passive daemon is ready for our connection (its peer configured). */
    void awaitReady() {
    }

    /** Whether the daemon sees its session with us Established. */
    abstract boolean daemonEstablished();

    /** Called once our first speaker is Established (a second speaker of a daemon with two neighbors starts here). */
    void started() throws Exception {
    }

    /** Our speaker with the daemon (after {@link #start}). */
    final TwinSpeaker ours() {
        return speakers.get(0);
    }

    /** Our session with the daemon (after {@link #start}). */
    final PeerDriver peer() {
        return ours().peer();
    }

    /** Our session: hold {@value #HOLD_TIME} s, retry 1 s, connecting or listening as the daemon needs. */
    final SessionConfig.Builder session(long localAs, String localAddress, List<Family> families) {
        return Interop.session(localAs, theirAs, localAddress).holdTime(HOLD_TIME).active(!daemonConnects())
                .passive(daemonConnects()).families(families);
    }

    /** Settings of a speaker at {@code localAddress} peering with the daemon. */
    final PeerSettings settings(String localAddress, SessionConfig session, List<Route> routes) {
        return new PeerSettings(Interop.address(theirs), theirPort, Interop.address(localAddress),
                daemonConnects() ? ourPort : 0, session, true, false, routes);
    }

    /** Starts both sides, our peer in {@code families} announcing {@code routes}; returns once both are Established. */
    final Peering<D> start(List<Family> families, List<Route> routes) throws Exception {
        return start(List.of(settings(ours, session(ourAs, ours, families).build(), routes)));
    }

    /**
     * Starts both sides, our peer read from ExaBGP's configuration: {@code fragment} (families, {@code static} routes,
     * ...) inside a {@code neighbor} block that says the addresses, ASNs and who connects.
     */
    final Peering<D> start(String fragment) throws Exception {
        String transport = daemonConnects()
                ? "passive;\nlisten " + ourPort + ";\nconnect " + theirPort + ";\n"
                : "connect " + theirPort + ";\n";
        String conf = "neighbor " + theirs + " {\n" + ("""
                router-id %s;
                local-address %s;
                local-as %d;
                peer-as %d;
                hold-time %d;
                """.formatted(ours, ours, ourAs, theirAs, HOLD_TIME) + transport + fragment).indent(4) + "}\n";
        return start(PeerSettingsMapper.map(ConfigParser.parse(name + ".conf", conf)));
    }

    private Peering<D> start(List<PeerSettings> settings) throws Exception {
        D daemon = daemon();
        if (!daemonConnects()) {
            daemon.start();
            awaitReady();
        }
        speakers.add(TwinSpeaker.start(reactor, settings));
        if (daemonConnects()) {
            daemon.start();
        }
        daemon.await("Established", Interop.LONG, this::daemonEstablished);
        Interop.until("our side Established", () -> peer().state() == State.ESTABLISHED, daemon::log);
        started();
        return this;
    }

    @Override
    public final void close() {
        for (TwinSpeaker s : speakers) {
            s.close();
        }
        daemon().close();
    }
}
