package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.Family;
import java.util.ArrayList;
import java.util.List;

/** A human summary of a parsed configuration, printed by {@code twinbgp validate --config FILE}. */
public final class ConfigSummary {
    private ConfigSummary() {
    }

    /** Several lines, ending with a newline: neighbors with their settings and routes, then processes. */
    public static String describe(Configuration configuration) {
        StringBuilder out = new StringBuilder();
        List<NeighborConfig> neighbors = configuration.neighbors();
        out.append(configuration.source()).append(": ").append(count(neighbors.size(), "neighbor")).append(", ")
                .append(count(configuration.processes().size(), "process")).append(", reactor ")
                .append(configuration.reactor().map(ReactorKind::toString).orElse("default")).append('\n');
        for (NeighborConfig neighbor : neighbors) {
            describe(neighbor, out);
        }
        for (ProcessConfig process : configuration.processes()) {
            out.append("process ").append(process.name()).append(": run ")
                    .append(String.join(" ", process.command().stream().map(ConfigSummary::quoted).toList()))
                    .append(" (encoder ").append(process.encoder()).append(")\n");
        }
        return out.toString();
    }

    /**
     * One argument of a process's command as the configuration would write it: in double quotes when it is empty or
     * holds a blank or a quote (else {@code --cmd "curl -sf http://127.0.0.1/"} read as four arguments).
     */
    static String quoted(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'' || c == '\\')) {
            return arg;
        }
        return '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static void describe(NeighborConfig n, StringBuilder out) {
        out.append("neighbor ").append(n.peerAddress()).append(n.isIbgp() ? " (iBGP" : " (eBGP")
                .append(", local AS ").append(n.localAs()).append(", peer AS ").append(n.peerAs()).append(")\n");
        n.description().ifPresent(d -> out.append("  description: ").append(d).append('\n'));
        out.append("  local address ").append(n.localAddress().map(IpAddress::toString).orElse("auto"))
                .append(", router id ").append(n.routerId().map(IpAddress::toString).orElse("auto"))
                .append(", hold time ").append(n.holdTime())
                .append(n.passive() ? ", passive" : ", connects to port " + n.connectPort())
                .append(n.listenPort().isPresent() ? ", listens on port " + n.listenPort().getAsInt() : "")
                .append('\n');
        out.append("  families: ").append(String.join(", ", n.families().stream().map(Family::toString).toList()))
                .append('\n');
        out.append("  capabilities: ").append(String.join(", ", capabilities(n))).append('\n');
        if (n.tcp().isSet()) {
            out.append("  tcp: ").append(String.join(", ", tcp(n.tcp()))).append('\n');
        }
        if (!n.inherited().isEmpty()) {
            out.append("  inherits: ").append(String.join(", ", n.inherited())).append('\n');
        }
        for (ApiConfig api : n.apis()) {
            out.append("  api: processes ").append(String.join(" ", api.processes())).append('\n');
        }
        List<RouteConfig> expanded = n.expandedRoutes();
        out.append("  routes: ").append(n.routes().size());
        if (expanded.size() != n.routes().size()) {
            out.append(" (").append(expanded.size()).append(" after split)");
        }
        out.append('\n');
        for (RouteConfig route : n.routes()) {
            out.append("    ").append(route.prefix()).append(' ').append(RouteText.attributes(route.attributes()))
                    .append('\n');
        }
        if (!n.flows().isEmpty()) { // FlowSpec rules and SR Policies
            out.append("  family routes: ").append(n.flows().size()).append('\n');
            for (FlowConfig flow : n.flows()) {
                out.append("    ").append(flow.family()).append(' ').append(flow.rule()).append(' ')
                        .append(RouteText.attributes(flow.attributes())).append('\n');
            }
        }
    }

    private static List<String> capabilities(NeighborConfig n) {
        Capabilities c = n.capabilities();
        List<String> out = new ArrayList<>();
        out.add(c.asn4() ? "asn4" : "no asn4");
        if (c.routeRefresh()) {
            out.add("route-refresh");
        }
        c.addPath().ifPresent(mode -> out.add("add-path " + mode.name().toLowerCase(java.util.Locale.ROOT)));
        c.gracefulRestart().ifPresent(time -> out.add("graceful-restart " + time));
        if (c.extendedMessage()) {
            out.add("extended-message");
        }
        if (c.softwareVersion()) {
            out.add("software-version");
        }
        if (c.aigp()) {
            out.add("aigp");
        }
        if (c.linkLocalNextHop()) {
            out.add("link-local-nexthop" + n.localLinkLocal().map(a -> " (local-link-local " + a + ")").orElse(""));
        }
        if (c.extendedNextHop()) {
            out.add("nexthop " + String.join(", ", n.nextHopEncodings().stream().map(Object::toString).toList()));
        }
        return out;
    }

    /** The transport settings, never the password itself. */
    private static List<String> tcp(TcpSecurity t) {
        List<String> out = new ArrayList<>();
        t.md5Password().ifPresent(p -> out.add("md5 password (" + switch (t.md5Encoding()) {
            case TEXT -> "text";
            case BASE64 -> "base64";
            case AUTO -> "base64 auto";
        } + ", " + t.md5Key().length + " octets)"));
        t.md5Ip().ifPresent(ip -> out.add("md5-ip " + ip));
        if (t.outgoingTtl() != 0) {
            out.add("outgoing ttl " + t.outgoingTtl());
        }
        if (t.incomingTtl() != 0) {
            out.add("incoming ttl " + t.incomingTtl() + " (GTSM)");
        }
        t.tcpAo().ifPresent(ao -> out.add("tcp-ao key id " + ao.keyId() + " " + ao.algorithm() + " (refused by run: not implemented)"));
        return out;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : what.endsWith("s") ? "es" : "s");
    }
}
