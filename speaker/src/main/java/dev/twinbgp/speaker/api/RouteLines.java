package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.wire.family.flow.FlowComponent;
import dev.twinbgp.bgp.wire.family.flow.FlowPrefix;
import dev.twinbgp.bgp.wire.family.flow.FlowRule;
import dev.twinbgp.speaker.config.AttributeText;
import dev.twinbgp.speaker.config.FlowConfig;
import dev.twinbgp.speaker.config.Prefix;
import dev.twinbgp.speaker.config.PrefixText;
import dev.twinbgp.speaker.config.RouteAttributes;
import dev.twinbgp.speaker.config.RouteConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The API's commonest lines read without the configuration grammar:
 * <pre>
 *   announce route PREFIX ATTRIBUTES      e.g. announce route 10.0.0.0/24 next-hop 192.0.2.1 med 5
 *   withdraw route PREFIX [ATTRIBUTES]
 *   \______________/\_____/\__________/
 *        form        prefix   tail: the key; its {@link RouteAttributes} are what the full parse gave
 * </pre>
 * A process announcing a table repeats a few attribute sets over many prefixes (issue 18: tokenizing and
 * parsing each line in full was half of the reader thread's time at 1,000,000 routes). So the attributes of a
 * tail are kept under the tail's text, and the next line with the same tail only has its prefix read here - found
 * by the tail's characters in the line, without cutting it out. A tail seen for the first time is read by
 * {@link AttributeText} when it is written with the commonest attributes only, else by the full parse
 * ({@link CommandParser#parse}), which also gives every error message. The attribute grammar never looks at the
 * prefix, so a tail means the same attributes before any prefix - except {@code split}, whose check needs the
 * prefix length: such tails are never kept. Anything this class does not read exactly as the grammar would (an
 * IPv4 part with a leading zero, a missing length, selectors, extra blanks before the prefix) is left to the full
 * parse.
 *
 * <p>Bounded ({@link #CAPACITY} tails per form, a newer tail replacing an older one in its slot). Not
 * thread-safe: one per reader thread.
 *
 * <p>What is kept, and for how long, is chosen for the collector: the tail of the line before is always at hand
 * ({@code last}), but a tail enters the table only when it is read in full a second time - it came back after
 * other tails. A table of 1,000,000 routes whose attribute set changes every few lines (a MED or community per
 * route group) reads each tail once: kept in the table, each of those 250,000 tails, its attributes and their
 * objects outlived a young collection or two until a newer tail took the slot, and was copied into the old
 * generation to die there - half of the collector's time and 40 MiB of peak RSS (issue 18, 2026-12-07, 1M API
 * routes to BIRD 2 at load 5-7: the collector's CPU 0.53 s against 1.18-1.22 s, peak RSS 157 against 200-203 MiB).
 * The hashes of tails read once are kept instead ({@code seen}): numbers, nothing for the collector to copy.
 */
final class RouteLines {
    static final int CAPACITY = 4096;
    private static final String ANNOUNCE = "announce route ";
    private static final String WITHDRAW = "withdraw route ";

    /** A tail's text, its hash (as {@link String#hashCode}) and its attributes. */
    private record Known(String tail, int hash, RouteAttributes attributes) {
    }

    private final Known[] announced = new Known[CAPACITY];
    private final Known[] withdrawn = new Known[CAPACITY];
    /** The hash of the tail read in full last in each slot that is not (yet) in the table; 0: none. */
    private final int[] announcedSeen = new int[CAPACITY];
    private final int[] withdrawnSeen = new int[CAPACITY];
    /** The tail of the last announce / withdraw line, read in full or found. */
    private Known lastAnnounced;
    private Known lastWithdrawn;

    /** The request on {@code line}, read here when its tail is known or plain, else by {@link CommandParser#parse}. */
    Request parse(String line) throws CommandException {
        String text = line.strip();
        boolean announce = text.startsWith(ANNOUNCE);
        if (!announce && !text.startsWith(WITHDRAW)) {
            if (text.startsWith(ANNOUNCE_FLOW) || text.startsWith(WITHDRAW_FLOW)) {
                return flow(line, text, text.startsWith(ANNOUNCE_FLOW));
            }
            return CommandParser.parse(line);
        }
        int start = ANNOUNCE.length(); // the same length as WITHDRAW
        int space = text.indexOf(' ', start);
        int end = space < 0 ? text.length() : space;
        int tailStart = space < 0 ? text.length() : space + 1;
        int tailLength = text.length() - tailStart;
        // The line before's tail first, compared without hashing this one's: a table repeats a tail over consecutive
        // lines, and the hash is a sequential loop over the tail's characters (issue 18: the reader's 1M lines 7-15 %
        // faster, LinePathProfile).
        Known k = announce ? lastAnnounced : lastWithdrawn;
        if (k == null || k.tail.length() != tailLength || !text.startsWith(k.tail, tailStart)) {
            k = null;
        }
        int hash = k != null ? k.hash : hash(text, tailStart);
        int slot = (hash ^ (hash >>> 16)) & (CAPACITY - 1);
        if (k == null) {
            k = (announce ? announced : withdrawn)[slot];
            k = isTail(k, text, tailStart, hash) ? k : null;
        }
        RouteAttributes attributes = k != null ? k.attributes : null;
        Prefix prefix = attributes != null || tailLength <= MAX_TAIL ? prefix(text, start, end) : null;
        if (attributes != null && prefix != null) {
            remember(announce, k);
            return request(announce, prefix, attributes);
        }
        if (prefix != null) {
            // The commonest attributes by hand: what the grammar would give, or null and the grammar reads them.
            RouteAttributes plain = AttributeText.parse(text, tailStart, text.length());
            if (plain != null && (!announce || plain.nextHop().isPresent())) {
                keep(announce, slot, new Known(text.substring(tailStart), hash, plain));
                return request(announce, prefix, plain);
            }
        }
        Request request = CommandParser.parse(line);
        if (prefix != null && request != null && request.selectors().isEmpty()) {
            List<RouteConfig> routes = switch (request.command()) {
                case Command.Announce a when announce && a.flows().isEmpty() -> a.routes();
                case Command.Withdraw w when !announce && w.flows().isEmpty() -> w.routes();
                default -> List.of();
            };
            if (routes.size() == 1 && routes.get(0).prefix().equals(prefix)
                    && routes.get(0).attributes().split().isEmpty()) {
                keep(announce, slot, new Known(text.substring(tailStart), hash, routes.get(0).attributes()));
            }
        }
        return request;
    }

    /** True when {@code k} is the tail of {@code text} from {@code tailStart} (whose hash is {@code hash}). */
    private static boolean isTail(Known k, String text, int tailStart, int hash) {
        return k != null && k.hash == hash && k.tail.length() == text.length() - tailStart
                && text.startsWith(k.tail, tailStart);
    }

    private void remember(boolean announce, Known k) {
        if (announce) {
            lastAnnounced = k;
        } else {
            lastWithdrawn = k;
        }
    }

    /** A tail just read in full: the last one, and in the table when its slot saw it read before. */
    private void keep(boolean announce, int slot, Known k) {
        remember(announce, k);
        int[] seen = announce ? announcedSeen : withdrawnSeen;
        if (seen[slot] == k.hash && k.hash != 0) {
            (announce ? announced : withdrawn)[slot] = k;
        } else {
            seen[slot] = k.hash;
        }
    }

    /*
     * FlowSpec rules of a DDoS detector: many rules differing in their destination only.
     *
     *   announce flow route destination 16.0.0.1/32 protocol =udp source-port =53 then discard
     *   \____________________________________/\__________/\______________________________________/
     *        form (destination first)           prefix      tail: the key of a rule read in full
     *
     * A rule whose tail was read in full before is that rule with its destination replaced - when the new
     * destination is a plain prefix (RouteLines.prefix) of the same family and length as the one it was read with,
     * so the rule has the same components in the same order and the same encoded length (the grammar's checks,
     * FlowParser's Draft.build, come out the same). The attributes and actions are the tail's: shared.
     */
    private static final String ANNOUNCE_FLOW = "announce flow route destination ";
    private static final String WITHDRAW_FLOW = "withdraw flow route destination ";

    /** A tail's text, its hash, and the rule read in full from a line with that tail. */
    private record KnownFlow(String tail, int hash, FlowConfig flow) {
    }

    private final KnownFlow[] announcedFlows = new KnownFlow[CAPACITY];
    private final KnownFlow[] withdrawnFlows = new KnownFlow[CAPACITY];

    private Request flow(String line, String text, boolean announce) throws CommandException {
        int start = ANNOUNCE_FLOW.length(); // the same length as WITHDRAW_FLOW
        int space = text.indexOf(' ', start);
        int end = space < 0 ? text.length() : space;
        int tailLength = text.length() - end;
        if (tailLength > MAX_TAIL) {
            return CommandParser.parse(line);
        }
        Prefix destination = prefix(text, start, end);
        KnownFlow[] known = announce ? announcedFlows : withdrawnFlows;
        int hash = hash(text, end);
        int slot = (hash ^ (hash >>> 16)) & (CAPACITY - 1);
        KnownFlow k = known[slot];
        if (destination != null && k != null && k.hash == hash && k.tail.length() == tailLength
                && text.startsWith(k.tail, end)) {
            FlowConfig flow = withDestination(k.flow, destination);
            if (flow != null) {
                return flowRequest(announce, flow);
            }
        }
        Request request = CommandParser.parse(line);
        if (destination != null && request != null && request.selectors().isEmpty()) {
            List<FlowConfig> flows = switch (request.command()) {
                case Command.Announce a when announce && a.routes().isEmpty() -> a.flows();
                case Command.Withdraw w when !announce && w.routes().isEmpty() -> w.flows();
                default -> List.of();
            };
            if (flows.size() == 1 && flows.get(0).equals(withDestination(flows.get(0), destination))) {
                known[slot] = new KnownFlow(text.substring(end), hash, flows.get(0));
            }
        }
        return request;
    }

    /**
     * {@code flow} with its destination component replaced by {@code destination}, or null when it has no such
     * component first, or one of another family, length or with an offset.
     */
    private static FlowConfig withDestination(FlowConfig flow, Prefix destination) {
        if (!(flow.rule() instanceof FlowRule rule) || rule.components().isEmpty()
                || !(rule.components().get(0) instanceof FlowPrefix old) || old.type() != FlowComponent.DESTINATION
                || old.offset() != 0 || old.length() != destination.length()
                || old.isIpv6() != !destination.address().isIpv4()) {
            return null;
        }
        List<FlowComponent> components = new ArrayList<>(rule.components());
        components.set(0, new FlowPrefix(FlowComponent.DESTINATION, destination.address().bytes(), destination.length(), 0));
        return new FlowConfig(new FlowRule(rule.family(), rule.rd(), components), flow.attributes());
    }

    private static Request flowRequest(boolean announce, FlowConfig flow) {
        List<FlowConfig> flows = List.of(flow);
        return new Request(List.of(), announce ? new Command.Announce(List.of(), flows)
                : new Command.Withdraw(List.of(), flows));
    }

    private static Request request(boolean announce, Prefix prefix, RouteAttributes attributes) {
        List<RouteConfig> routes = List.of(new RouteConfig(prefix, attributes));
        return new Request(List.of(), announce ? new Command.Announce(routes) : new Command.Withdraw(routes));
    }

    /** {@code text.substring(from).hashCode()}, without the substring. */
    private static int hash(String text, int from) {
        int h = 0;
        for (int i = from, n = text.length(); i < n; i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }

    /** Tails longer than this are not kept (a cache of a few MB at most). */
    private static final int MAX_TAIL = 512;

    /** {@code text[start, end)} as a prefix, exactly as the grammar reads it, or null ({@link PrefixText}). */
    static Prefix prefix(String text, int start, int end) {
        return PrefixText.parse(text, start, end);
    }
}
