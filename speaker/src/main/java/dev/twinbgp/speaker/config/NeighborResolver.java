package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.capability.AddPathMode;
import dev.twinbgp.bgp.wire.family.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a {@link NeighborDraft} into a {@link NeighborConfig}: templates named by {@code inherit} fill what the
 * neighbor does not say (the neighbor wins; among templates, the first named wins), their routes and api blocks
 * come before the neighbor's own; then ExaBGP's defaults fill the rest and the whole is checked.
 */
final class NeighborResolver {
    private final Map<String, NeighborDraft> templates;
    private final Set<String> processNames;

    /**
     * The api block with the processes its {@code processes-match} patterns match added (ExaBGP matches each
     * pattern at the start of a process name, as Python's {@code re.match}).
     */
    private ApiConfig withMatches(NeighborDraft.PlacedApi placed) throws ConfigException {
        if (placed.patterns().isEmpty()) {
            return placed.api();
        }
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(placed.api().processes());
        for (Token pattern : placed.patterns()) {
            java.util.regex.Pattern regex;
            try {
                regex = java.util.regex.Pattern.compile(pattern.text());
            } catch (java.util.regex.PatternSyntaxException e) {
                throw ConfigException.unexpected(pattern, "a regular expression (" + e.getDescription() + ")");
            }
            for (String name : processNames) {
                if (regex.matcher(name).lookingAt()) {
                    names.add(name);
                }
            }
        }
        ApiConfig api = placed.api();
        return new ApiConfig(List.copyOf(names), api.receive(), api.send(), api.neighborChanges());
    }

    NeighborResolver(Map<String, NeighborDraft> templates, Set<String> processNames) {
        this.templates = templates;
        this.processNames = processNames;
    }

    NeighborConfig resolve(IpAddress peer, NeighborDraft own) throws ConfigException {
        List<NeighborDraft> layers = new ArrayList<>();
        layers.add(own);
        for (Token name : own.inherits) {
            NeighborDraft template = templates.get(name.text());
            if (template == null) {
                throw ConfigException.unexpected(name, templates.isEmpty() ? "a template name (none is defined)"
                        : "a template name (" + String.join(", ", templates.keySet()) + ")");
            }
            layers.add(template);
        }
        String who = "neighbor " + peer;
        Long localAs = first(layers, d -> d.localAs);
        Long peerAs = first(layers, d -> d.peerAs);
        if (localAs == null) {
            throw ConfigException.unexpected(own.close, "local-as (" + who + " has none)");
        }
        if (peerAs == null) {
            throw ConfigException.unexpected(own.close, "peer-as (" + who + " has none)");
        }
        IpAddress localAddress = first(layers, d -> d.localAddress);
        if (localAddress != null && localAddress.isIpv4() != peer.isIpv4()) {
            Token at = first(layers, d -> d.localAddressToken);
            throw ConfigException.unexpected(at, "a local-address of the same family as the peer address " + peer);
        }
        IpAddress routerId = first(layers, d -> d.routerId);
        if (routerId == null && localAddress != null && localAddress.isIpv4()) {
            routerId = localAddress;
        }
        List<Family> families = first(layers, d -> d.families);
        if (families == null || families.isEmpty()) {
            // ExaBGP offers every family it knows without a family block; twinbgp offers IPv4 and IPv6 unicast and
            // the labeled families its static routes use (nlri-mpls, mpls-vpn), so such routes are sent
            List<Family> defaults = new ArrayList<>(NeighborConfig.DEFAULT_FAMILIES);
            for (NeighborDraft layer : layers) {
                for (NeighborDraft.PlacedRoute placed : layer.routes) {
                    Family f = placed.route().family();
                    if (f.safi() != Family.SAFI_UNICAST && !defaults.contains(f)) {
                        defaults.add(f);
                    }
                }
            }
            families = List.copyOf(defaults);
        }
        int holdTime = or(first(layers, d -> d.holdTime), NeighborConfig.DEFAULT_HOLD_TIME);

        List<NextHopEncoding> nextHops = first(layers, d -> d.nextHops);
        Boolean nextHopSetting = first(layers, d -> d.extendedNextHop);
        // ExaBGP: extended next hop is on when the nexthop block is present, unless the capability says otherwise
        boolean extendedNextHop = nextHopSetting != null ? nextHopSetting : nextHops != null && !nextHops.isEmpty();
        List<NextHopEncoding> encodings = new ArrayList<>();
        if (extendedNextHop && nextHops != null) {
            for (NextHopEncoding encoding : nextHops) {
                Family nextHopFamily = new Family(encoding.nextHopAfi(), encoding.family().safi());
                if (families.contains(encoding.family()) && families.contains(nextHopFamily)) {
                    encodings.add(encoding);
                }
            }
        }
        Optional<AddPathMode> addPath = or(first(layers, d -> d.addPath), Optional.empty());
        int graceful = or(first(layers, d -> d.gracefulRestart), NeighborDraft.GRACEFUL_RESTART_DISABLED);
        OptionalInt gracefulRestart = switch (graceful) {
            case NeighborDraft.GRACEFUL_RESTART_DISABLED -> OptionalInt.empty();
            case NeighborDraft.GRACEFUL_RESTART_HOLD_TIME -> OptionalInt.of(Math.min(holdTime, 4095));
            default -> OptionalInt.of(graceful);
        };
        Capabilities defaults = Capabilities.DEFAULT;
        Capabilities capabilities = new Capabilities(
                or(first(layers, d -> d.asn4), defaults.asn4()),
                or(first(layers, d -> d.routeRefresh), defaults.routeRefresh()),
                addPath,
                gracefulRestart,
                or(first(layers, d -> d.aigp), defaults.aigp()),
                or(first(layers, d -> d.linkLocalNextHop), defaults.linkLocalNextHop()),
                or(first(layers, d -> d.extendedMessage), defaults.extendedMessage()),
                or(first(layers, d -> d.softwareVersion), defaults.softwareVersion()),
                extendedNextHop,
                or(first(layers, d -> d.addPathFamilies), List.of()),
                or(first(layers, d -> d.operational), defaults.operational()),
                or(first(layers, d -> d.multiSession), defaults.multiSession()),
                or(first(layers, d -> d.pathsLimit), java.util.Map.of()));

        List<RouteConfig> routes = new ArrayList<>();
        List<FlowConfig> flows = new ArrayList<>();
        List<ApiConfig> apis = new ArrayList<>();
        List<NeighborDraft> inOrder = new ArrayList<>(layers.subList(1, layers.size()));
        inOrder.add(own); // templates first, in the order named, then the neighbor's own
        for (NeighborDraft layer : inOrder) {
            for (NeighborDraft.PlacedRoute placed : layer.routes) {
                Family family = placed.route().family();
                // ExaBGP refuses routes of families not announced to the peer, except IPv4 unicast
                if (!families.contains(family) && !family.equals(Family.IPV4_UNICAST)) {
                    throw ConfigException.unexpected(placed.prefix(), "a route of a configured family ("
                            + String.join(", ", families.stream().map(Family::toString).toList())
                            + "); add '" + family + ";' to family { } of " + who);
                }
                routes.add(placed.route());
            }
            for (NeighborDraft.PlacedFlow placed : layer.flows) {
                Family family = placed.flow().family();
                if (!families.contains(family)) {
                    throw ConfigException.unexpected(placed.at(), "a route of a configured family ("
                            + String.join(", ", families.stream().map(Family::toString).toList())
                            + "); add '" + family + ";' to family { } of " + who);
                }
                flows.add(placed.flow());
            }
            for (NeighborDraft.PlacedApi placed : layer.apis) {
                for (Token process : placed.processNames()) {
                    if (!processNames.contains(process.text())) {
                        throw ConfigException.unexpected(process, processNames.isEmpty()
                                ? "a process name (no process is defined)"
                                : "a process name (" + String.join(", ", processNames) + ")");
                    }
                }
                apis.add(withMatches(placed));
            }
        }
        return new NeighborConfig(peer, Optional.ofNullable(localAddress), Optional.ofNullable(routerId),
                localAs, peerAs, holdTime,
                or(first(layers, d -> d.passive), false),
                optionalInt(first(layers, d -> d.listenPort)),
                or(first(layers, d -> d.connectPort), NeighborConfig.DEFAULT_PORT),
                Optional.ofNullable(first(layers, d -> d.description)),
                Optional.ofNullable(first(layers, d -> d.hostName)),
                Optional.ofNullable(first(layers, d -> d.domainName)),
                or(first(layers, d -> d.groupUpdates), true),
                or(first(layers, d -> d.adjRibIn), true), // ExaBGP's default, and what twinbgp does
                or(first(layers, d -> d.adjRibOut), true),
                or(first(layers, d -> d.manualEor), false),
                own.inherits.stream().map(Token::text).toList(),
                families, capabilities, encodings, apis, routes, flows,
                Optional.ofNullable(first(layers, d -> d.localLinkLocal)),
                or(first(layers, d -> d.autoFlush), true), tcp(layers, peer));
    }

    /** The TCP settings; a password whose key is empty, too long, or not the base64 asked for is an error at it. */
    private static TcpSecurity tcp(List<NeighborDraft> layers, IpAddress peer) throws ConfigException {
        Token password = first(layers, d -> d.md5Password);
        TcpSecurity.Md5Encoding encoding = or(first(layers, d -> d.md5Encoding), TcpSecurity.Md5Encoding.TEXT);
        if (password != null) {
            byte[] key = TcpSecurity.key(password.text(), encoding);
            if (key == null || key.length == 0 || key.length > TcpSecurity.MD5_MAX_KEY) {
                throw ConfigException.unexpected(password, (encoding == TcpSecurity.Md5Encoding.BASE64 ? "a base64 " : "a ")
                        + "password of 1-" + TcpSecurity.MD5_MAX_KEY + " octets");
            }
        }
        IpAddress md5Ip = first(layers, d -> d.md5Ip);
        if (md5Ip != null && md5Ip.isIpv4() != peer.isIpv4()) {
            throw ConfigException.unexpected(layers.get(0).close, "an md5-ip of the same family as the peer address " + peer);
        }
        return new TcpSecurity(Optional.ofNullable(password).map(Token::text), encoding, Optional.ofNullable(md5Ip),
                or(first(layers, d -> d.outgoingTtl), 0), or(first(layers, d -> d.incomingTtl), 0),
                Optional.ofNullable(first(layers, d -> d.tcpAo)));
    }

    /** The value of the first layer (neighbor, then templates in order) that sets it, or null. */
    private static <T> T first(List<NeighborDraft> layers, Function<NeighborDraft, T> field) {
        for (NeighborDraft layer : layers) {
            T value = field.apply(layer);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    private static OptionalInt optionalInt(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
