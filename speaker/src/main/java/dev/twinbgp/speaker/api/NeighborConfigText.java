package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.wire.capability.AddPathMode;
import dev.twinbgp.speaker.config.ApiConfig;
import dev.twinbgp.speaker.config.Capabilities;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.config.NextHopEncoding;
import dev.twinbgp.speaker.config.TcpSecurity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A neighbor as ExaBGP's {@code show neighbor configuration} prints it (its {@code bgp/neighbor.py}
 * {@code Neighbor.string}): the neighbor block in configuration syntax, two spaces an indent, every setting with
 * its value (defaults included), in ExaBGP's order and with its blank lines:
 * <pre>
 *   neighbor 127.0.0.2 {
 *     description "";
 *     router-id 10.0.0.1;
 *     ...
 *     manual-eor false;
 *                                  (blank)
 *     passive false;
 *     ...
 *     md5-ip "127.0.0.1";
 *                                  (blank)
 *     capability {
 *       asn4 enable;  ...  aigp disable;
 *     }
 *     family { ... }  nexthop { ... }  add-path { ... }
 *     api { processes [ NAME ]; ... }        (one block per process)
 *   }
 * </pre>
 * Where twinbgp differs: {@code host-name} and {@code domain-name} are printed only when configured (ExaBGP prints
 * its machine's, which twinbgp sends nothing of otherwise), and {@code incoming-ttl} after {@code outgoing-ttl}
 * (ExaBGP's template puts it inside {@code capability { }}).
 */
final class NeighborConfigText {
    private NeighborConfigText() {
    }

    /**
     * ExaBGP's name of a neighbor ({@code Neighbor.name}), what {@code show neighbor FILTER extensive|configuration}
     * matches a part of: {@code neighbor IP local-ip IP local-as N peer-as N router-id IP family-allowed in-open}
     * ({@code family-allowed} lists the families, {@code ipv4-unicast/ipv6-unicast}, with multi-session).
     */
    static String name(NeighborConfig n) {
        String session = n.capabilities().multiSession()
                ? String.join("/", n.families().stream().map(f -> f.toString().replace(' ', '-')).toList())
                : "in-open";
        return "neighbor " + n.peerAddress() + " local-ip " + n.localAddress().map(Object::toString).orElse("auto")
                + " local-as " + n.localAs() + " peer-as " + n.peerAs() + " router-id " + routerId(n)
                + " family-allowed " + session;
    }

    private static String routerId(NeighborConfig n) {
        return n.routerId().or(n::localAddress).map(Object::toString).orElse("auto");
    }

    static List<String> lines(NeighborConfig n) {
        List<String> out = new ArrayList<>();
        out.add("neighbor " + n.peerAddress() + " {");
        setting(out, "description \"" + n.description().orElse("") + "\"");
        setting(out, "router-id " + routerId(n));
        n.hostName().ifPresent(h -> setting(out, "host-name " + h));
        n.domainName().ifPresent(d -> setting(out, "domain-name " + d));
        setting(out, "local-address " + n.localAddress().map(Object::toString).orElse("auto"));
        setting(out, "local-as " + n.localAs());
        setting(out, "peer-as " + n.peerAs());
        setting(out, "hold-time " + n.holdTime());
        setting(out, "rate-limit disable");
        setting(out, "manual-eor " + n.manualEor());
        out.add("");
        setting(out, "passive " + n.passive());
        if (n.listenPort().isPresent() && n.listenPort().getAsInt() != 0) { // ExaBGP: a blank line before each
            out.add("");
            setting(out, "listen " + n.listenPort().getAsInt());
        }
        if (n.connectPort() != NeighborConfig.DEFAULT_PORT) {
            out.add("");
            setting(out, "connect " + n.connectPort());
        }
        setting(out, "group-updates " + n.groupUpdates());
        setting(out, "auto-flush " + n.autoFlush());
        setting(out, "adj-rib-in " + n.adjRibIn());
        setting(out, "adj-rib-out " + n.adjRibOut());
        TcpSecurity tcp = n.tcp();
        tcp.md5Password().ifPresent(p -> setting(out, "md5-password \"" + p + "\""));
        setting(out, "md5-base64 " + switch (tcp.md5Encoding()) {
            case TEXT -> "false";
            case BASE64 -> "true";
            case AUTO -> "auto";
        });
        tcp.md5Ip().or(n::localAddress).ifPresent(ip -> setting(out, "md5-ip \"" + ip + "\""));
        if (tcp.outgoingTtl() != 0) {
            setting(out, "outgoing-ttl " + tcp.outgoingTtl());
        }
        if (tcp.incomingTtl() != 0) {
            setting(out, "incoming-ttl " + tcp.incomingTtl());
        }
        out.add("");
        Capabilities c = n.capabilities();
        out.add("  capability {");
        inner(out, "asn4 " + enable(c.asn4()));
        inner(out, "route-refresh " + enable(c.routeRefresh()));
        inner(out, "graceful-restart " + (c.gracefulRestart().isPresent() ? c.gracefulRestart().getAsInt() : "disable"));
        inner(out, "nexthop " + enable(c.extendedNextHop()));
        inner(out, "add-path " + c.addPath().map(NeighborConfigText::addPath).orElse("disable"));
        inner(out, "multi-session " + enable(c.multiSession()));
        inner(out, "operational " + enable(c.operational()));
        inner(out, "aigp " + enable(c.aigp()));
        out.add("  }");
        out.add("  family {");
        n.families().forEach(f -> inner(out, f.toString()));
        out.add("  }");
        out.add("  nexthop {");
        for (NextHopEncoding e : n.nextHopEncodings()) {
            inner(out, e.toString());
        }
        out.add("  }");
        out.add("  add-path {");
        if (c.addPath().isPresent()) {
            (c.addPathFamilies().isEmpty() ? n.families() : c.addPathFamilies()).forEach(f -> inner(out, f.toString()));
        }
        out.add("  }");
        apis(out, n.apis());
        out.add("}");
        return out;
    }

    /** One {@code api { }} block per process, as ExaBGP keeps them (by process); several blocks naming one merge. */
    private static void apis(List<String> out, List<ApiConfig> apis) {
        record Process(Set<ApiConfig.Message> receive, Set<ApiConfig.Message> send, boolean[] neighborChanges) {
        }
        Map<String, Process> byName = new LinkedHashMap<>();
        for (ApiConfig a : apis) {
            for (String name : a.processes()) {
                Process p = byName.computeIfAbsent(name, k -> new Process(EnumSet.noneOf(ApiConfig.Message.class),
                        EnumSet.noneOf(ApiConfig.Message.class), new boolean[1]));
                p.receive().addAll(a.receive());
                p.send().addAll(a.send());
                p.neighborChanges()[0] |= a.neighborChanges();
            }
        }
        byName.forEach((name, p) -> {
            out.add("  api {");
            inner(out, "processes [ " + name + " ]");
            if (p.neighborChanges()[0]) {
                inner(out, "neighbor-changes");
            }
            messages(out, "receive", p.receive());
            messages(out, "send", p.send());
            out.add("  }");
        });
    }

    /** ExaBGP's order: packets, parsed, consolidate, then the messages notification, open, keepalive, update, ... */
    private static final List<ApiConfig.Message> ORDER = List.of(ApiConfig.Message.PACKETS, ApiConfig.Message.PARSED,
            ApiConfig.Message.CONSOLIDATE, ApiConfig.Message.NOTIFICATION, ApiConfig.Message.OPEN,
            ApiConfig.Message.KEEPALIVE, ApiConfig.Message.UPDATE, ApiConfig.Message.REFRESH,
            ApiConfig.Message.OPERATIONAL);

    private static void messages(List<String> out, String block, Set<ApiConfig.Message> set) {
        if (set.isEmpty()) {
            return;
        }
        out.add("    " + block + " {");
        for (ApiConfig.Message m : ORDER) {
            if (set.contains(m)) {
                out.add("      " + m + ";");
            }
        }
        out.add("    }");
    }

    private static String addPath(AddPathMode mode) {
        return switch (mode) {
            case SEND -> "send";
            case RECEIVE -> "receive";
            case BOTH -> "send/receive";
        };
    }

    private static String enable(boolean on) {
        return on ? "enable" : "disable";
    }

    private static void setting(List<String> out, String text) {
        out.add("  " + text + ";");
    }

    private static void inner(List<String> out, String text) {
        out.add("    " + text + ";");
    }
}
