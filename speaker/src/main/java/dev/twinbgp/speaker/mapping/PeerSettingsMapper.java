package dev.twinbgp.speaker.mapping;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.config.IpAddress;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.session.PeerSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a parsed configuration (ExaBGP syntax) into what the speaker runs: one {@link PeerSettings} per
 * neighbor, with its routes as wire attributes and ExaBGP's defaults applied. The session settings and our
 * OPEN are decided by {@link SessionMapping}, the routes by {@link RouteMapping} and {@link PathAttributes};
 * {@code docs/configuration.md} ("How routes become UPDATEs") tells the rules.
 *
 * <p>Listening: a {@code passive} neighbor is accepted on its {@code listen} port (179 when not given); any
 * other neighbor is connected to on its {@code connect} port, and accepted too only when {@code listen} is
 * given.
 */
public final class PeerSettingsMapper {
    /** The BGP port (RFC 4271 section 8.2.1): where a passive neighbor without {@code listen} is accepted. */
    public static final int BGP_PORT = 179;

    private PeerSettingsMapper() {
    }

    /**
     * @throws ConfigException for settings that parse but cannot run, one line:
     *         {@code FILE: neighbor ADDRESS: [route PREFIX: ]WHAT} (the configuration model keeps no positions)
     */
    public static List<PeerSettings> map(Configuration configuration) throws ConfigException {
        List<PeerSettings> out = new ArrayList<>(configuration.neighbors().size());
        for (NeighborConfig neighbor : configuration.neighbors()) {
            try {
                out.add(map(neighbor));
            } catch (Refused e) {
                throw ConfigException.invalid(configuration.source(), "neighbor " + neighbor.peerAddress() + ": " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static PeerSettings map(NeighborConfig neighbor) {
        SessionConfig session = SessionMapping.of(neighbor);
        int listenPort = neighbor.passive() ? neighbor.listenPort().orElse(BGP_PORT) : neighbor.listenPort().orElse(0);
        return new PeerSettings(
                inet(neighbor.peerAddress()),
                neighbor.connectPort(),
                neighbor.localAddress().map(PeerSettingsMapper::inet).orElse(null),
                listenPort,
                session,
                neighbor.groupUpdates(),
                neighbor.manualEor(),
                new RouteMapping(neighbor).routes());
    }

    private static InetAddress inet(IpAddress address) {
        try {
            return InetAddress.getByAddress(address.bytes()); // a literal: never a name lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 octets are always an address", e);
        }
    }
}
