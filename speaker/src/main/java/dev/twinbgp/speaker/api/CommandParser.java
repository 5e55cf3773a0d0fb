package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.speaker.config.FlowConfig;
import dev.twinbgp.speaker.config.FlowParser;
import dev.twinbgp.speaker.config.SrPolicyParser;
import dev.twinbgp.speaker.config.L2vpnParser;
import dev.twinbgp.speaker.config.McastVpnParser;
import dev.twinbgp.speaker.config.MupParser;
import dev.twinbgp.speaker.config.RtcParser;
import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.IpAddress;
import dev.twinbgp.speaker.config.Prefix;
import dev.twinbgp.speaker.config.RouteAttributes;
import dev.twinbgp.speaker.config.RouteConfig;
import dev.twinbgp.speaker.config.RouteParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.OptionalLong;

/**
 * Reads one API command line (ExaBGP API, v4 syntax). Routes and attributes go through the configuration's
 * own {@link RouteParser}, so a command accepts exactly what a configuration file does. Never throws anything
 * but {@link CommandException}, whose message says what was expected.
 */
public final class CommandParser {
    static final String COMMANDS = "announce, withdraw, group, show, flush, clear, teardown, shutdown, reload, version, help, "
            + "ping, operational, create, delete, enable-ack, disable-ack, silence-ack or neighbor";

    private CommandParser() {
    }

    /**
     * {@code group announce ... ; withdraw ...}: the route changes separated by {@code ;}, each parsed as a line of
     * its own; anything but announce, withdraw or {@code clear adj-rib out} is refused. {@code group start} and
     * {@code group end} are ExaBGP's multi-line form ({@link Command.GroupStart}), held by the API process reading them.
     */
    private static Request group(String rest) throws CommandException {
        String body = rest.strip();
        if (body.equals("start")) {
            return new Request(List.of(), new Command.GroupStart());
        }
        if (body.equals("end")) {
            return new Request(List.of(), new Command.GroupEnd());
        }
        List<Request> requests = new ArrayList<>();
        for (String part : body.split(";", -1)) {
            if (part.isBlank()) {
                continue;
            }
            Request r = parse(part);
            if (r == null) {
                continue; // a '#' comment
            }
            if (!CommandExecutor.isRouteChange(r.command()) || r.command() instanceof Command.Group) {
                throw new CommandException("group: '" + part.strip() + "' is not an announce or a withdraw");
            }
            requests.add(r);
        }
        if (requests.isEmpty()) {
            throw new CommandException("group: expected announce or withdraw commands separated by ';'");
        }
        return new Request(List.of(), new Command.Group(requests));
    }

    /** The request on {@code line}, or null for a blank line or a {@code #} comment (ignored, not answered). */
    public static Request parse(String line) throws CommandException {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return null;
        }
        if (text.startsWith("group ") || text.equals("group")) {
            return group(text.substring("group".length()));
        }
        try {
            Words words = new Words(text);
            List<NeighborSelector> selectors = new ArrayList<>();
            while (words.peekIs("neighbor")) {
                words.next();
                selectors.add(selector(words));
                if (!words.peekIs(",")) {
                    break;
                }
                words.next();
                if (!words.peekIs("neighbor")) {
                    throw new CommandException("expected 'neighbor' after ','");
                }
            }
            if (words.atEnd()) {
                throw new CommandException(selectors.isEmpty() ? "expected a command: " + COMMANDS
                        : "expected a command after the neighbor selector");
            }
            return new Request(selectors, command(words));
        } catch (RuntimeException e) {
            // defensive: a parser bug must answer error, never kill the reader of a process
            throw new CommandException("cannot read the command: " + e.getMessage());
        }
    }

    private static NeighborSelector selector(Words w) throws CommandException {
        String first = w.expectWord("a neighbor address or '*'");
        if (first.equals("*")) {
            return NeighborSelector.ANY;
        }
        Optional<IpAddress> peer = Optional.of(address(first, "neighbor"));
        Optional<IpAddress> localIp = Optional.empty();
        Optional<IpAddress> routerId = Optional.empty();
        OptionalLong localAs = OptionalLong.empty();
        OptionalLong peerAs = OptionalLong.empty();
        Optional<String> familyAllowed = Optional.empty();
        while (!w.atEnd()) {
            switch (w.peek()) {
                case "family-allowed" -> {
                    w.next();
                    familyAllowed = Optional.of(w.expectWord("in-open or AFI-SAFI[/AFI-SAFI...] after family-allowed"));
                }
                case "local-ip" -> {
                    w.next();
                    localIp = Optional.of(address(w.expectWord("an IP address after local-ip"), "local-ip"));
                }
                case "router-id" -> {
                    w.next();
                    routerId = Optional.of(address(w.expectWord("an IPv4 address after router-id"), "router-id"));
                }
                case "local-as" -> {
                    w.next();
                    localAs = OptionalLong.of(asn(w.expectWord("an AS number after local-as"), "local-as"));
                }
                case "peer-as" -> {
                    w.next();
                    peerAs = OptionalLong.of(asn(w.expectWord("an AS number after peer-as"), "peer-as"));
                }
                default -> {
                    return new NeighborSelector(peer, localIp, localAs, peerAs, routerId, familyAllowed);
                }
            }
        }
        return new NeighborSelector(peer, localIp, localAs, peerAs, routerId, familyAllowed);
    }

    private static Command command(Words w) throws CommandException {
        String verb = w.next();
        return switch (verb) {
            case "announce" -> announce(w);
            case "withdraw" -> withdraw(w);
            case "show" -> show(w);
            case "flush" -> {
                if (w.peekIs("route")) {
                    w.next();
                    w.expectEnd("flush route");
                    yield new Command.FlushRoute();
                }
                w.expectPhrase("adj-rib", "out");
                w.expectEnd("flush adj-rib out");
                yield new Command.FlushAdjRibOut();
            }
            case "clear" -> {
                w.expectPhrase("adj-rib");
                boolean in = inOrOut(w, "clear adj-rib");
                w.expectEnd("clear adj-rib in|out");
                yield new Command.ClearAdjRib(in);
            }
            case "teardown" -> teardown(w);
            case "shutdown" -> {
                boolean forRestart = w.peekIs("restart");
                if (forRestart) {
                    w.next();
                }
                w.expectEnd("shutdown [restart]");
                yield new Command.Shutdown(forRestart);
            }
            case "reload" -> single(w, "reload", new Command.Reload());
            case "version" -> single(w, "version", new Command.Version());
            case "help" -> single(w, "help", new Command.Help());
            case "ping" -> ping(w);
            case "operational" -> {
                int offset = w.restOffset();
                yield OperationalCommand.parse(w.rest(), offset);
            }
            case "create" -> createNeighbor(w);
            case "delete" -> {
                w.expectPhrase("neighbor");
                IpAddress address = address(w.expectWord("the neighbor's IP address"), "delete neighbor");
                w.expectEnd("delete neighbor IP");
                yield new Command.DeleteNeighbor(address);
            }
            case "enable-ack" -> single(w, verb, new Command.SetAck(Command.AckMode.ENABLED));
            case "disable-ack" -> single(w, verb, new Command.SetAck(Command.AckMode.DISABLED));
            case "silence-ack" -> single(w, verb, new Command.SetAck(Command.AckMode.SILENCED));
            default -> throw new CommandException("unknown command '" + verb + "', expected " + COMMANDS);
        };
    }

    private static Command single(Words w, String name, Command command) throws CommandException {
        w.expectEnd(name);
        return command;
    }

    /** {@code flow route ...} or {@code ipv4|ipv6 flow|flow-vpn ...}: a FlowSpec rule ({@link FlowParser}). */
    private static boolean isFlow(Words w) {
        String first = w.peek();
        return (first.equals("flow") || first.equals("ipv4") || first.equals("ipv6")) && FLOW.matcher(w.rest()).matches();
    }

    private static final Pattern FLOW = Pattern.compile("(flow\\s+route|ipv[46]\\s+flow(-vpn)?)(\\s.*|\\{.*|)");

    /** {@code ipv4|ipv6 sr-policy ...} or {@code sr-policy ...}: an SR Policy (RFC 9830, {@link SrPolicyParser}). */
    private static boolean isSrPolicy(Words w) {
        String first = w.peek();
        return (first.equals("sr-policy") || first.equals("ipv4") || first.equals("ipv6"))
                && SR_POLICY.matcher(w.rest()).matches();
    }

    private static final Pattern SR_POLICY = Pattern.compile("(ipv[46]\\s+)?sr-policy(\\s.*|)");

    private static FlowConfig srPolicy(Words w, boolean announce) throws CommandException {
        int offset = w.restOffset();
        try {
            return SrPolicyParser.command(w.rest(), announce);
        } catch (ConfigException e) {
            throw new CommandException((announce ? "announce " : "withdraw ") + located(e, offset));
        }
    }

    private static FlowConfig flow(Words w, boolean announce) throws CommandException {
        int offset = w.restOffset();
        String text = w.rest();
        try {
            return FlowParser.command(text);
        } catch (ConfigException e) {
            throw new CommandException((announce ? "announce " : "withdraw ") + located(e, offset));
        }
    }

    /** {@code ipv4 rtc ...} ({@link RtcParser}). */
    private static FlowConfig rtc(Words w, boolean announce) throws CommandException {
        int offset = w.restOffset();
        try {
            return RtcParser.command(w.rest(), announce);
        } catch (ConfigException e) {
            throw new CommandException((announce ? "announce " : "withdraw ") + located(e, offset));
        }
    }

    /** {@code ipv4|ipv6 mup ...} ({@link MupParser}). */
    private static FlowConfig mup(Words w, boolean announce) throws CommandException {
        int offset = w.restOffset();
        try {
            return MupParser.command(w.rest(), announce);
        } catch (ConfigException e) {
            throw new CommandException((announce ? "announce " : "withdraw ") + located(e, offset));
        }
    }

    /** {@code ipv4|ipv6 mcast-vpn ...} ({@link McastVpnParser}). */
    private static FlowConfig mcastVpn(Words w, boolean announce) throws CommandException {
        int offset = w.restOffset();
        try {
            return McastVpnParser.command(w.rest(), announce);
        } catch (ConfigException e) {
            throw new CommandException((announce ? "announce " : "withdraw ") + located(e, offset));
        }
    }

    /** {@code [l2vpn] vpls ...} or {@code [l2vpn] evpn ...} ({@link L2vpnParser}). */
    private static FlowConfig l2vpn(Words w, boolean announce) throws CommandException {
        int offset = w.restOffset();
        try {
            return L2vpnParser.command(w.rest(), announce);
        } catch (ConfigException e) {
            throw new CommandException((announce ? "announce " : "withdraw ") + located(e, offset));
        }
    }

    private static Command announce(Words w) throws CommandException {
        String what = w.atEnd() ? "" : w.peek();
        if (what.equals("operational")) { // ExaBGP 4 and 5 write 'announce operational ...' (3.x: 'operational ...')
            w.next();
            int offset = w.restOffset();
            return OperationalCommand.parse(w.rest(), offset);
        }
        if (!w.atEnd() && isFlow(w)) {
            return new Command.Announce(List.of(), List.of(flow(w, true)));
        }
        if (!w.atEnd() && isSrPolicy(w)) {
            return new Command.Announce(List.of(), List.of(srPolicy(w, true)));
        }
        if (!w.atEnd() && L2vpnParser.isCommand(w.rest())) {
            return new Command.Announce(List.of(), List.of(l2vpn(w, true)));
        }
        if (!w.atEnd() && McastVpnParser.isCommand(w.rest())) {
            return new Command.Announce(List.of(), List.of(mcastVpn(w, true)));
        }
        if (!w.atEnd() && MupParser.isCommand(w.rest())) {
            return new Command.Announce(List.of(), List.of(mup(w, true)));
        }
        if (!w.atEnd() && RtcParser.isCommand(w.rest())) {
            return new Command.Announce(List.of(), List.of(rtc(w, true)));
        }
        return switch (what) {
            case "route", "ipv4", "ipv6" -> new Command.Announce(List.of(route(w, true)));
            case "attributes", "attribute" -> {
                w.next();
                yield new Command.Announce(attributesNlri(w, true));
            }
            case "eor" -> {
                w.next();
                Optional<Family> family = w.atEnd() ? Optional.empty() : Optional.of(family(w, "announce eor"));
                w.expectEnd("announce eor [AFI SAFI]");
                yield new Command.EndOfRib(family);
            }
            case "watchdog" -> {
                w.next();
                yield watchdog(w, true);
            }
            case "route-refresh" -> {
                w.next();
                if (w.atEnd()) {
                    throw new CommandException("announce route-refresh: expected AFI SAFI (e.g. ipv4 unicast)");
                }
                Family family = family(w, "announce route-refresh");
                w.expectEnd("announce route-refresh AFI SAFI");
                yield new Command.RouteRefresh(family);
            }
            default -> throw new CommandException("announce: expected route, flow route, ipv4, ipv6, attributes, eor, "
                    + "route-refresh or watchdog" + (what.isEmpty() ? "" : ", found '" + what + "'"));
        };
    }

    private static Command withdraw(Words w) throws CommandException {
        String what = w.atEnd() ? "" : w.peek();
        if (!w.atEnd() && isFlow(w)) {
            return new Command.Withdraw(List.of(), List.of(flow(w, false)));
        }
        if (!w.atEnd() && isSrPolicy(w)) {
            return new Command.Withdraw(List.of(), List.of(srPolicy(w, false)));
        }
        if (!w.atEnd() && L2vpnParser.isCommand(w.rest())) {
            return new Command.Withdraw(List.of(), List.of(l2vpn(w, false)));
        }
        if (!w.atEnd() && McastVpnParser.isCommand(w.rest())) {
            return new Command.Withdraw(List.of(), List.of(mcastVpn(w, false)));
        }
        if (!w.atEnd() && MupParser.isCommand(w.rest())) {
            return new Command.Withdraw(List.of(), List.of(mup(w, false)));
        }
        if (!w.atEnd() && RtcParser.isCommand(w.rest())) {
            return new Command.Withdraw(List.of(), List.of(rtc(w, false)));
        }
        return switch (what) {
            case "route", "ipv4", "ipv6" -> new Command.Withdraw(List.of(route(w, false)));
            case "attributes", "attribute" -> {
                w.next();
                yield new Command.Withdraw(attributesNlri(w, false));
            }
            case "watchdog" -> {
                w.next();
                yield watchdog(w, false);
            }
            default -> throw new CommandException("withdraw: expected route, flow route, ipv4, ipv6, attributes or watchdog"
                    + (what.isEmpty() ? "" : ", found '" + what + "'"));
        };
    }

    private static Command watchdog(Words w, boolean announce) throws CommandException {
        String verb = announce ? "announce watchdog" : "withdraw watchdog";
        String name = w.expectWord("a watchdog name after " + verb);
        w.expectEnd(verb + " NAME");
        return new Command.Watchdog(name, announce);
    }

    /**
     * {@code create neighbor IP KEY VALUE ...}: the pairs become the settings of a configuration neighbor block
     * ({@code KEY VALUE;}), {@code family AFI SAFI} a {@code family { }} entry and {@code api NAME} an
     * {@code api { processes [ NAME ]; }} block, so the neighbor accepts exactly what a configuration file does.
     */
    private static Command createNeighbor(Words w) throws CommandException {
        w.expectPhrase("neighbor");
        String ip = w.expectWord("the neighbor's IP address");
        IpAddress address = address(ip, "create neighbor");
        StringBuilder settings = new StringBuilder();
        List<String> families = new ArrayList<>();
        List<String> apis = new ArrayList<>();
        while (!w.atEnd()) {
            String key = w.next();
            String form = "create neighbor IP SETTING VALUE ...";
            switch (key) {
                case "family" -> families.add(w.expectWord("an AFI after family") + " "
                        + w.expectWord("a SAFI after family AFI"));
                case "api" -> apis.add(w.expectWord("a process name after api"));
                default -> {
                    if (!key.matches("[a-z][a-z0-9-]*")) {
                        throw new CommandException("unexpected '" + key + "', expected " + form);
                    }
                    settings.append(' ').append(key).append(' ')
                            .append(w.expectWord("a value after " + key)).append(';');
                }
            }
        }
        StringBuilder config = new StringBuilder("neighbor ").append(ip).append(" {").append(settings);
        if (!families.isEmpty()) {
            config.append(" family {");
            families.forEach(f -> config.append(' ').append(f).append(';'));
            config.append(" }");
        }
        apis.forEach(a -> config.append(" api { processes [ ").append(a).append(" ]; }"));
        return new Command.CreateNeighbor(address, config.append(" }").toString());
    }

    /** {@code ping [UUID [TIMESTAMP]]} or {@code ping text}: the client's id and time are not needed to answer. */
    private static Command ping(Words w) throws CommandException {
        boolean text = false;
        int words = 0;
        while (!w.atEnd()) {
            String word = w.next();
            text |= word.equals("text");
            if (++words > 2) {
                throw new CommandException("ping: expected ping [UUID [TIMESTAMP]] or ping text");
            }
        }
        return new Command.Ping(text);
    }

    private static RouteConfig route(Words w, boolean announce) throws CommandException {
        int offset = w.restOffset();
        String text = w.rest();
        try {
            return announce ? RouteParser.parseRoute(text) : RouteParser.parseWithdrawal(text);
        } catch (ConfigException e) {
            throw new CommandException((announce ? "announce " : "withdraw ") + located(e, offset));
        }
    }

    /** {@code ATTRIBUTES nlri PREFIX...}: one route per prefix, all with the same attributes. */
    private static List<RouteConfig> attributesNlri(Words w, boolean announce) throws CommandException {
        int offset = w.restOffset();
        String text = w.rest();
        String verb = announce ? "announce attributes" : "withdraw attributes";
        int at = indexOfWord(text, "nlri");
        if (at < 0) {
            throw new CommandException(verb + ": expected ATTRIBUTES nlri PREFIX [PREFIX ...]");
        }
        RouteAttributes attributes;
        try {
            attributes = RouteParser.parseAttributes(text.substring(0, at));
        } catch (ConfigException e) {
            throw new CommandException(verb + " " + located(e, offset));
        }
        if (announce && attributes.nextHop().isEmpty()) {
            throw new CommandException(verb + ": expected next-hop among the attributes");
        }
        String[] prefixes = text.substring(at + 4).strip().split("\\s+");
        if (prefixes.length == 0 || prefixes[0].isEmpty()) {
            throw new CommandException(verb + ": expected at least one prefix after nlri");
        }
        List<RouteConfig> routes = new ArrayList<>(prefixes.length);
        for (String p : prefixes) {
            routes.add(new RouteConfig(prefix(p, verb), attributes));
        }
        return routes;
    }

    // ExaBGP (reactor/api/command/neighbor.py, rib.py): 'show neighbor [FILTER] summary|extensive|configuration|json'
    // and 'show adj-rib in|out [IP] [extensive] [json]' - the keywords in any order, a neighbor's address among them
    // limits the answer to that neighbor ("you can filter by peer ip address adding it after the word neighbor"; how
    // each show neighbor view matches it: CommandExecutor.showNeighbor).
    private static Command show(Words w) throws CommandException {
        String what = w.atEnd() ? "" : w.next();
        switch (what) {
            case "neighbor", "neighbors" -> {
                // ExaBGP: json first, then summary, extensive, configuration, whatever their order
                boolean summary = false;
                boolean extensive = false;
                boolean configuration = false;
                boolean json = false;
                Optional<String> filter = Optional.empty();
                while (!w.atEnd()) {
                    String word = w.next();
                    switch (word) {
                        case "summary" -> summary = true;
                        case "extensive" -> extensive = true;
                        case "configuration" -> configuration = true;
                        case "json" -> json = true;
                        default -> filter = Optional.of(neighborFilter(filter, word));
                    }
                }
                Command.NeighborView view = summary ? Command.NeighborView.SUMMARY
                        : extensive ? Command.NeighborView.EXTENSIVE
                        : configuration ? Command.NeighborView.CONFIGURATION : Command.NeighborView.SUMMARY;
                return new Command.ShowNeighbor(view, json, filter);
            }
            case "adj-rib" -> {
                boolean in = inOrOut(w, "show adj-rib");
                boolean extensive = false;
                boolean json = false;
                Optional<IpAddress> peer = Optional.empty();
                Optional<Command.RouteKind> kind = Optional.empty();
                while (!w.atEnd()) {
                    String word = w.next();
                    switch (word) {
                        case "extensive" -> extensive = true;
                        case "json" -> json = true;
                        case "inet" -> kind = Optional.of(Command.RouteKind.INET);
                        case "flow" -> kind = Optional.of(Command.RouteKind.FLOW);
                        case "l2vpn" -> kind = Optional.of(Command.RouteKind.L2VPN);
                        default -> peer = Optional.of(showFilter(peer, word, "show adj-rib " + (in ? "in" : "out"),
                                "expected extensive, json, inet, flow, l2vpn or a neighbor's address"));
                    }
                }
                return new Command.ShowAdjRib(in, extensive, json, peer, kind);
            }
            default -> throw new CommandException("show: expected neighbor or adj-rib");
        }
    }

    /**
     * {@code show neighbor}'s filter: ExaBGP matches a part of the neighbor's name with it (an address, a part of one,
     * an AS number), so any word of digits, hex digits, dots and colons; one at most. Any other word is a typo of a
     * keyword ({@code summari}) and refused, where ExaBGP would take it for a filter that matches nothing.
     */
    private static String neighborFilter(Optional<String> already, String word) throws CommandException {
        if (!word.matches("[0-9A-Fa-f.:]+")) {
            throw new CommandException("show neighbor: found '" + word
                    + "', expected summary, extensive, configuration, json or a neighbor's address (or a part of it)");
        }
        if (already.isPresent()) {
            throw new CommandException("show neighbor: found '" + word + "' after the filter " + already.get()
                    + ": one filter at most");
        }
        return word;
    }

    /** The neighbor address a show command is limited to; one at most, and nothing else but its keywords. */
    private static IpAddress showFilter(Optional<IpAddress> already, String word, String context, String expected)
            throws CommandException {
        IpAddress address;
        try {
            address = IpAddress.parse(word);
        } catch (IllegalArgumentException e) {
            throw new CommandException(context + ": found '" + word + "', " + expected);
        }
        if (already.isPresent()) {
            throw new CommandException(context + ": found '" + word + "' after the neighbor " + already.get()
                    + ": one neighbor's address at most");
        }
        return address;
    }

    private static Command teardown(Words w) throws CommandException {
        Optional<IpAddress> address = Optional.empty();
        int subcode = 2; // RFC 4486 section 4: Administrative Shutdown
        if (!w.atEnd() && !isNumber(w.peek())) {
            address = Optional.of(address(w.next(), "teardown"));
        }
        if (!w.atEnd()) {
            String code = w.next();
            if (!isNumber(code) || code.length() > 3 || Integer.parseInt(code) > 255) {
                throw new CommandException("teardown: expected a Cease subcode 0-255, found '" + code + "'");
            }
            subcode = Integer.parseInt(code);
        }
        w.expectEnd("teardown [IP] [SUBCODE]");
        return new Command.Teardown(address, subcode);
    }

    private static boolean inOrOut(Words w, String context) throws CommandException {
        String dir = w.atEnd() ? "" : w.next();
        return switch (dir) {
            case "in" -> true;
            case "out" -> false;
            default -> throw new CommandException(context + ": expected in or out");
        };
    }

    private static Family family(Words w, String context) throws CommandException {
        String afi = w.next().toLowerCase(Locale.ROOT);
        String safi = w.atEnd() ? "" : w.next().toLowerCase(Locale.ROOT);
        if (afi.equals("l2vpn") && (safi.equals("evpn") || safi.equals("vpls"))) {
            return safi.equals("evpn") ? Family.L2VPN_EVPN : Family.L2VPN_VPLS;
        }
        int code = switch (safi) {
            case "unicast" -> Family.SAFI_UNICAST;
            case "multicast" -> Family.SAFI_MULTICAST;
            case "flow" -> Family.SAFI_FLOW;
            case "flow-vpn" -> Family.SAFI_FLOW_VPN;
            case "mcast-vpn" -> Family.SAFI_MCAST_VPN;
            case "mup" -> Family.SAFI_MUP;
            case "nlri-mpls" -> Family.SAFI_MPLS_LABEL;
            case "mpls-vpn" -> Family.SAFI_MPLS_VPN;
            case "rtc" -> Family.SAFI_RTC;
            case "sr-policy" -> Family.SAFI_SR_POLICY;
            case "bgp-ls" -> Family.SAFI_BGP_LS;
            case "bgp-ls-vpn" -> Family.SAFI_BGP_LS_VPN;
            default -> -1;
        };
        if (afi.equals("bgp-ls") && (code == Family.SAFI_BGP_LS || code == Family.SAFI_BGP_LS_VPN)) {
            return new Family(Family.AFI_BGP_LS, code);
        }
        if (code < 0 || code == Family.SAFI_BGP_LS || code == Family.SAFI_BGP_LS_VPN || !(afi.equals("ipv4") || afi.equals("ipv6"))) {
            throw new CommandException(context + ": expected AFI SAFI (ipv4 or ipv6; unicast, multicast, nlri-mpls, mpls-vpn, flow,"
                    + " flow-vpn, mcast-vpn, mup or sr-policy; or l2vpn evpn or vpls; or bgp-ls bgp-ls)");
        }
        return new Family(afi.equals("ipv4") ? Family.AFI_IPV4 : Family.AFI_IPV6, code);
    }

    private static IpAddress address(String text, String context) throws CommandException {
        try {
            return IpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandException(context + ": expected an IP address, found '" + text + "'");
        }
    }

    private static long asn(String text, String context) throws CommandException {
        if (!isNumber(text) || text.length() > 10 || Long.parseLong(text) > 0xFFFFFFFFL) {
            throw new CommandException(context + ": expected an AS number 0-4294967295, found '" + text + "'");
        }
        return Long.parseLong(text);
    }

    private static Prefix prefix(String text, String context) throws CommandException {
        int slash = text.indexOf('/');
        try {
            if (slash > 0 && isNumber(text.substring(slash + 1)) && text.length() - slash <= 4) {
                return new Prefix(IpAddress.parse(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandException(context + ": " + e.getMessage());
        }
        throw new CommandException(context + ": expected a prefix ADDRESS/LENGTH, found '" + text + "'");
    }

    /**
     * "&lt;command&gt;:1:12: found 'x', expected y" becomes "column N: found 'x', expected y", N counted in the
     * whole command line ({@code offset} is where the parsed part starts).
     */
    private static String located(ConfigException e, int offset) {
        String m = e.getMessage().replace("found end of file", "found end of the command");
        String head = RouteParser.COMMAND + ":";
        if (m.startsWith(head)) {
            String rest = m.substring(head.length());
            int colon = rest.indexOf(':');
            int second = colon < 0 ? -1 : rest.indexOf(':', colon + 1);
            if (second > 0) {
                try {
                    int column = Integer.parseInt(rest.substring(colon + 1, second)) + offset;
                    return "column " + column + ":" + rest.substring(second + 1);
                } catch (NumberFormatException ignored) {
                    return m;
                }
            }
        }
        return m;
    }

    private static int indexOfWord(String text, String word) {
        String[] parts = text.split("(?<=\\s)|(?=\\s)");
        int at = 0;
        for (String p : parts) {
            if (p.equals(word)) {
                return at;
            }
            at += p.length();
        }
        return -1;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Blank-separated words, with ',' a word of its own (selectors are separated by commas). */
    private static final class Words {
        private final String text;
        private int pos;

        Words(String text) {
            this.text = text;
        }

        private void skipBlanks() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        boolean atEnd() {
            skipBlanks();
            return pos >= text.length();
        }

        String peek() {
            int saved = pos;
            String word = next();
            pos = saved;
            return word;
        }

        boolean peekIs(String word) {
            return !atEnd() && peek().equals(word);
        }

        String next() {
            skipBlanks();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                return ",";
            }
            int start = pos;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != ',') {
                pos++;
            }
            return text.substring(start, pos);
        }

        String expectWord(String what) throws CommandException {
            if (atEnd()) {
                throw new CommandException("expected " + what);
            }
            return next();
        }

        void expectPhrase(String... words) throws CommandException {
            for (String word : words) {
                if (atEnd() || !next().equals(word)) {
                    throw new CommandException("expected '" + word + "'");
                }
            }
        }

        void expectEnd(String form) throws CommandException {
            if (!atEnd()) {
                throw new CommandException("unexpected '" + peek() + "', expected " + form);
            }
        }

        /** Where {@link #rest()} starts in the line (0-based). */
        int restOffset() {
            skipBlanks();
            return pos;
        }

        /** The rest of the line, untouched (routes are read by the configuration parser). */
        String rest() {
            skipBlanks();
            return text.substring(pos);
        }
    }
}
