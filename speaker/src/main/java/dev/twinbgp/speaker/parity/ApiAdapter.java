package dev.twinbgp.speaker.parity;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.PeerDriver;
import java.util.List;

/**
 * The three ExaBGP API commands a scenario may give, applied straight to the {@link PeerDriver} until the
 * API module provides its own command executor (then this class should delegate to it):
 * <pre>
 * announce route PREFIX next-hop ADDRESS [ATTRIBUTES...]   (ExaBGP route syntax)
 * withdraw route PREFIX [...]
 * teardown [SUBCODE] [TEXT...]                              (Cease, RFC 4486; TEXT: RFC 9003 communication)
 * </pre>
 * A route is parsed by the configuration parser itself, inside a one-neighbor configuration with the
 * peer's AS numbers, so it gets exactly the attributes and defaults a configured route would get.
 */
final class ApiAdapter {
    private final PeerDriver peer;
    private final TraceRecorder trace;

    ApiAdapter(PeerDriver peer, TraceRecorder trace) {
        this.peer = peer;
        this.trace = trace;
    }

    void apply(String command) throws ScenarioException {
        String[] words = command.strip().split("\\s+", 2);
        String rest = words.length > 1 ? words[1] : "";
        switch (words[0]) {
            case "announce" -> {
                List<Route> routes = routes(rest, false);
                record(command);
                peer.announce(routes);
            }
            case "withdraw" -> {
                List<Route> routes = routes(rest, true);
                record(command);
                peer.withdraw(routes.stream().map(Route::prefix).toList());
            }
            case "teardown" -> {
                String[] t = rest.isEmpty() ? new String[0] : rest.split("\\s+", 2);
                int subcode = 2; // Administrative Shutdown (RFC 4486 section 4)
                String text = null;
                if (t.length > 0) {
                    try {
                        subcode = Integer.parseInt(t[0]);
                        text = t.length > 1 ? t[1] : null;
                    } catch (NumberFormatException e) {
                        text = rest;
                    }
                }
                record(command);
                peer.stop(subcode, text);
            }
            default -> throw new ScenarioException("unknown API command '" + words[0] + "', expected announce, withdraw or teardown");
        }
    }

    /** Queued on the peer's loop, so the command takes its place in the loop's order, before its effects. */
    private void record(String command) {
        peer.loop().execute(() -> trace.add("api " + command));
    }

    private List<Route> routes(String text, boolean withdraw) throws ScenarioException {
        if (!text.startsWith("route ")) {
            throw new ScenarioException("API: expected 'route PREFIX ...', found '" + text + "'");
        }
        String route = text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
        if (withdraw && !route.contains("next-hop")) {
            route += " next-hop 127.0.0.1"; // a withdrawal needs only the prefix; the parser wants a next hop
        }
        SessionConfig s = peer.settings().session();
        long id = s.localId();
        String config = "neighbor " + peer.name() + " {\n"
                + "  router-id " + (id >>> 24 & 0xFF) + "." + (id >>> 16 & 0xFF) + "." + (id >>> 8 & 0xFF) + "." + (id & 0xFF) + ";\n"
                + "  local-address 127.0.0.1;\n  local-as " + s.localAs() + ";\n  peer-as " + s.peerAs() + ";\n"
                + "  static {\n    " + route + ";\n  }\n}\n";
        try {
            return PeerSettingsMapper.map(ConfigParser.parse("api", config)).getFirst().routes();
        } catch (ConfigException e) {
            throw new ScenarioException("API: " + e.getMessage());
        }
    }
}
