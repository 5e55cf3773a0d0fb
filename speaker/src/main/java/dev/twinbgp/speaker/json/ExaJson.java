package dev.twinbgp.speaker.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.core.util.Separators.Spacing;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.RouteRefresh;
import dev.twinbgp.bgp.wire.Update;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ExaBGP's JSON API encoder (the shapes of ExaBGP 5/6, {@code reactor/api/response/json.py}): one JSON
 * object per event, on one line.
 * <pre>
 * { "exabgp": "5.0.0", "time": 1721069327.773, "host": "h", "pid": 1, "ppid": 0, "counter": 1,
 *   "type": "update",
 *   "neighbor": { "address": { "local": "127.0.0.1", "peer": "127.0.0.1" },
 *                 "asn": { "local": 65533, "peer": 65533 }, "router-id": "10.0.0.2",
 *                 "direction": "in", "message": { "update": { ... } } } }
 * </pre>
 * Types: {@code open} ({@code "open": {..}}), {@code update} ({@code "message": {"update": {..}}}),
 * {@code notification} ({@code "notification": {..}}), {@code keepalive} (the neighbor block only),
 * {@code refresh} ({@code "route-refresh": {"afi", "safi", "subtype"}}) and {@code state}
 * ({@code "state": "connected" | "up" | "down"}, {@code "reason"} when down; no direction).
 *
 * <p>The volatile header keys: {@code exabgp} is {@link #EXABGP_VERSION} ("5.0.0", so consumers that
 * check ExaBGP's version keep working; our own version is in {@code --version}); {@code time} comes from
 * the injected {@link Clock} (seconds, fractional); {@code host}, {@code pid}, {@code ppid} from
 * {@link ProcessInfo}; {@code counter} counts the lines written per neighbor, from 1. Thread-safe.
 */
public final class ExaJson {
    /** The value of the {@code "exabgp"} key. */
    public static final String EXABGP_VERSION = "5.0.0";

    // Plain BigDecimal output, never 1.721069327773314E9 ("time" is written as its digits: header()). A double (a BGP-LS
    // bandwidth) is written as ExaBGP writes a float, Python's repr: 125000000.0, never Jackson's 1.25E8.
    // Written by TreeWriter through this factory's generators: no ObjectMapper (see TreeWriter).
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .addDecorator((factory, generator) -> new PythonFloats(generator))
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    /**
     * Writes doubles and floats as {@link PythonFloat#repr} does. NaN and the infinities (a float32 a peer sent)
     * stay Jackson's: Python would print nan/inf, which is no JSON.
     */
    private static final class PythonFloats extends JsonGeneratorDelegate {
        PythonFloats(JsonGenerator g) {
            super(g, false);
        }

        @Override
        public void writeNumber(double v) throws IOException {
            if (PythonFloat.isJson(v)) {
                delegate.writeNumber(PythonFloat.repr(v));
            } else {
                delegate.writeNumber(v);
            }
        }

        @Override
        public void writeNumber(float v) throws IOException {
            writeNumber((double) v); // ExaBGP reads an IEEE float into a Python float, a double of the same value
        }
    }

    private final String version;
    private final Clock clock;
    private final ProcessInfo process;
    private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();
    /** {@link #counters} by neighbor: neighbors with the same counter key share the counter. */
    private final ConcurrentHashMap<NeighborContext, AtomicLong> counterOf = new ConcurrentHashMap<>();
    /** The text header's fixed parts: before the time, and between the time and the counter. */
    private final String headPrefix;
    private final String headProcess;
    private final ConcurrentHashMap<NeighborContext, String> neighborText = new ConcurrentHashMap<>();
    /** {@link #headPrefix} and {@link #headProcess} in the spaced layout, as UTF-8 (for {@link #message(BgpMessage,
     * NeighborContext, Direction, Stamp, JsonBytes)}). */
    private final byte[] headPrefixBytes;
    private final byte[] headProcessBytes;
    /** Per neighbor, per {@link Direction#ordinal}: the spaced octets from {@code , "type": "update"} to {@code "update": }. */
    private final ConcurrentHashMap<NeighborContext, byte[][]> updateHead = new ConcurrentHashMap<>();
    /** The end of an UPDATE's line after its update object: message, neighbor and root closed. */
    private static final byte[] UPDATE_END = " } } }".getBytes(StandardCharsets.US_ASCII);

    public ExaJson(String version, Clock clock, ProcessInfo process) {
        this.version = Objects.requireNonNull(version, "version");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.process = Objects.requireNonNull(process, "process");
        StringBuilder head = new StringBuilder("{\"exabgp\":");
        UpdateLine.string(head, version);
        this.headPrefix = head.append(",\"time\":").toString();
        StringBuilder proc = new StringBuilder(",\"host\":");
        UpdateLine.string(proc, process.host());
        this.headProcess = proc.append(",\"pid\":").append(process.pid()).append(",\"ppid\":").append(process.ppid())
                .append(",\"counter\":").toString();
        this.headPrefixBytes = UpdateLine.spaced(headPrefix).getBytes(StandardCharsets.UTF_8);
        this.headProcessBytes = UpdateLine.spaced(headProcess).getBytes(StandardCharsets.UTF_8);
    }

    public ExaJson(Clock clock, ProcessInfo process) {
        this(EXABGP_VERSION, clock, process);
    }

    /** The system clock and this JVM's host, pid and ppid. */
    public static ExaJson system() {
        return new ExaJson(Clock.systemUTC(), ProcessInfo.current());
    }

    /** One message received ({@link Direction#IN}) from or sent to the neighbor, as one JSON line (no newline). */
    public String message(BgpMessage message, NeighborContext neighbor, Direction direction) {
        return message(message, neighbor, direction, stamp(neighbor));
    }

    /**
     * A line's {@code "time"} and {@code "counter"}: the clock now and the neighbor's next count. Taken when the
     * event happens, so a line formatted later (on the event writer's thread) says when it happened and keeps
     * its place in the count whatever thread formats it.
     */
    public record Stamp(Instant time, long counter) {
        /** The stamp of {@link #nowMicros}'s {@code micros} (epoch microseconds) and {@code counter}. */
        public static Stamp of(long micros, long counter) {
            return new Stamp(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1000L), counter);
        }
    }

    /**
     * The clock now in epoch microseconds - all of a line's {@code "time"} (six decimals) - as a number: a caller
     * on the loop thread keeps it with the counter instead of an {@code Instant} and a {@link Stamp} per event
     * (issue 18, "evcpu": two objects less per received UPDATE, fewer young collections).
     */
    public long nowMicros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    /** The stamp of an event happening now with {@code neighbor} (counts it). */
    public Stamp stamp(NeighborContext neighbor) {
        return stamp(counter(neighbor));
    }

    /**
     * The counter of {@code neighbor}'s lines (shared by the neighbors of the same counter key), for a caller that
     * keeps it and stamps with {@link #stamp(AtomicLong)}: no lookup per event (once per received UPDATE on the
     * loop thread).
     */
    public AtomicLong counter(NeighborContext neighbor) {
        // Per neighbor first, not by its counter key, a new String to hash per call.
        AtomicLong counter = counterOf.get(neighbor);
        if (counter == null) {
            counter = counterOf.computeIfAbsent(neighbor, n -> counters.computeIfAbsent(n.counterKey(), k -> new AtomicLong()));
        }
        return counter;
    }

    /** The stamp of an event happening now, counted by {@code counter} (from {@link #counter}). */
    public Stamp stamp(AtomicLong counter) {
        Instant now = clock.instant();
        return new Stamp(now, counter.incrementAndGet());
    }

    /** {@link #message} with the time and counter of {@code stamp}. */
    public String message(BgpMessage message, NeighborContext neighbor, Direction direction, Stamp now) {
        return message(message, neighbor, direction, null, now);
    }

    /**
     * {@link #message} with the time and counter of {@code now}, written into {@code out} as UTF-8 (no newline):
     * the same octets as the line's. The common UPDATE - IPv4 unicast, attributes as received - goes from its
     * octets straight into {@code out} ({@link UpdateBytes}: no attribute decoded, no tree, no {@code String});
     * anything else is the line's text. For the event writer's thread, which owns {@code out} (issue 18).
     */
    public void message(BgpMessage message, NeighborContext neighbor, Direction direction, Stamp now, JsonBytes out) {
        Instant time = now.time();
        message(message, neighbor, direction, time.getEpochSecond() * 1_000_000L + time.getNano() / 1000, now.counter(),
                out);
    }

    /**
     * {@link #message(BgpMessage, NeighborContext, Direction, Stamp, JsonBytes)} with the time in epoch microseconds
     * ({@link #nowMicros}) and the counter as numbers.
     */
    public void message(BgpMessage message, NeighborContext neighbor, Direction direction, long micros, long counter,
                        JsonBytes out) {
        Objects.requireNonNull(direction, "direction");
        if (message instanceof Update u && UpdateBytes.fits(u)) {
            int mark = out.length();
            out.append(headPrefixBytes);
            out.number(Math.floorDiv(micros, 1_000_000L)).append((byte) '.')
                    .sixDigits((int) Math.floorMod(micros, 1_000_000L));
            out.append(headProcessBytes).number(counter);
            UpdateBytes writer = out.updateBytes();
            out.append(writer.head(this, neighbor)[direction.ordinal()]);
            if (writer.fitting(out, u)) {
                out.append(UPDATE_END);
                return;
            }
            out.truncate(mark);
        }
        out.append(message(message, neighbor, direction, null, Stamp.of(micros, counter)));
    }

    /** {@link #updateHead}'s octets for {@code neighbor} (from the map: {@link UpdateBytes#head} keeps the last). */
    byte[][] updateHeadOf(NeighborContext neighbor) {
        return updateHead.computeIfAbsent(neighbor, ExaJson::updateHead);
    }

    /** {@link #updateHead}'s octets for {@code neighbor}, one array per direction. */
    private static byte[][] updateHead(NeighborContext neighbor) {
        Direction[] directions = Direction.values();
        byte[][] heads = new byte[directions.length][];
        for (Direction d : directions) {
            StringBuilder sb = new StringBuilder(",\"type\":\"update\"").append(neighborText(neighbor)).append(",\"direction\":");
            UpdateLine.string(sb, d.text());
            heads[d.ordinal()] = UpdateLine.spaced(sb.append(",\"message\":{\"update\":")).getBytes(StandardCharsets.UTF_8);
        }
        return heads;
    }

    /**
     * An API process's {@code consolidate} with {@code packets}: {@link #message} with the message's octets in the
     * root, {@code "header"} (the 19 octets) and {@code "body"} (the rest, left out when empty: a KEEPALIVE) as
     * {@code "0x"} and upper-case hex, after {@code "type"} (ExaBGP's {@code _header}). Null octets: {@link #message}.
     */
    public String message(BgpMessage message, NeighborContext neighbor, Direction direction, byte[] octets) {
        return message(message, neighbor, direction, octets, stamp(neighbor));
    }

    private String message(BgpMessage message, NeighborContext neighbor, Direction direction, byte[] octets, Stamp now) {
        if (message instanceof Update u && UpdateLine.fits(u)) {
            // The common UPDATE written as text, not built as a tree (see UpdateLine): the same line.
            Objects.requireNonNull(direction, "direction");
            StringBuilder sb = new StringBuilder(octets == null ? 512 : 512 + 2 * octets.length);
            headerText(sb, neighbor, "update", octets, now);
            sb.append(",\"direction\":");
            UpdateLine.string(sb, direction.text());
            sb.append(",\"message\":{\"update\":");
            UpdateLine.update(sb, u);
            return UpdateLine.spaced(sb.append("}}}"));
        }
        return line(messageTree(message, neighbor, direction, octets, now));
    }

    /**
     * An API process's {@code packets} (without {@code consolidate}): the message's octets alone, as ExaBGP's
     * {@code packets} writes them, {@code "type"} being the message type's long name ({@code "route refresh"} for
     * type 5, unlike the parsed line's {@code "refresh"}):
     * <pre>
     * { ..., "counter": 3, "type": "update", "neighbor": { "address": {..}, "asn": {..}, "router-id": "..",
     *   "direction": "in", "message": { "category": 2, "header": "0xFFFF...0017 02", "body": "0x00000000" } } }
     * </pre>
     * ({@code header} without the spaces shown here; {@code "body": "0x"} when empty.)
     */
    public String packets(NeighborContext neighbor, Direction direction, byte[] octets) {
        Objects.requireNonNull(direction, "direction");
        int category = octets[HEADER - 1] & 0xFF;
        ObjectNode root = header(neighbor, longName(category), stamp(neighbor));
        ObjectNode n = neighbor(root, neighbor);
        n.put("direction", direction.text());
        ObjectNode m = n.putObject("message");
        m.put("category", category);
        m.put("header", hex(octets, 0, HEADER));
        m.put("body", hex(octets, HEADER, octets.length));
        return line(root);
    }

    /** Octets of a message's header (RFC 4271 section 4.1): marker, length, type. */
    private static final int HEADER = 19;

    /** ExaBGP's {@code hexstring}: {@code 0x} then two upper-case digits per octet, nothing between them. */
    public static String hex(byte[] octets, int from, int to) {
        return "0x" + java.util.HexFormat.of().withUpperCase().formatHex(octets, from, to);
    }

    /** ExaBGP's {@code Message.string(code)}, its long names. */
    static String longName(int type) {
        return switch (type) {
            case 1 -> "open";
            case 2 -> "update";
            case 3 -> "notification";
            case 4 -> "keepalive";
            case 5 -> "route refresh";
            case 6 -> "operational";
            default -> "unknown";
        };
    }

    /**
     * {@link #header} and {@link #neighbor} as text, up to and without the closing braces of the neighbor
     * object and the root: the same keys and values in the same order.
     */
    private void headerText(StringBuilder sb, NeighborContext neighbor, String type, byte[] octets, Stamp stamp) {
        Objects.requireNonNull(neighbor, "neighbor");
        sb.append(headPrefix);
        appendTime(sb, stamp.time()).append(headProcess);
        sb.append(stamp.counter());
        sb.append(",\"type\":");
        UpdateLine.string(sb, type);
        if (octets != null) {
            sb.append(",\"header\":\"").append(hex(octets, 0, HEADER)).append('"');
            if (octets.length > HEADER) {
                sb.append(",\"body\":\"").append(hex(octets, HEADER, octets.length)).append('"');
            }
        }
        sb.append(neighborText.computeIfAbsent(neighbor, ExaJson::neighborText));
    }

    /** ExaBGP's {@code "time"}: seconds and micros at scale 6, written plain (always six decimals). */
    private static String time(Instant now) {
        return appendTime(new StringBuilder(20), now).toString();
    }

    /**
     * {@link #time} appended to {@code sb} in place: the text line of every UPDATE an API process gets (no
     * {@code String} per line, issue 18).
     */
    static StringBuilder appendTime(StringBuilder sb, Instant now) {
        int micros = now.getNano() / 1000;
        sb.append(now.getEpochSecond()).append('.');
        for (int scale = 100_000; scale > 1 && micros < scale; scale /= 10) {
            sb.append('0');
        }
        return sb.append(micros);
    }

    /** The neighbor block's fixed part as text: {@code ,"neighbor":{"address":{..},"asn":{..},"router-id":".."}. */
    private static String neighborText(NeighborContext neighbor) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(",\"neighbor\":{\"address\":{\"local\":");
        UpdateLine.string(sb, neighbor.localAddress());
        sb.append(",\"peer\":");
        UpdateLine.string(sb, neighbor.peerAddress());
        sb.append("},\"asn\":{\"local\":").append(neighbor.localAs()).append(",\"peer\":").append(neighbor.peerAs());
        sb.append("},\"router-id\":");
        UpdateLine.string(sb, neighbor.routerId());
        return sb.toString();
    }

    /** A session state change, as one JSON line; {@code reason} is used for {@link SessionState#DOWN} only. */
    public String state(NeighborContext neighbor, SessionState state, String reason) {
        return line(stateTree(neighbor, state, reason, stamp(neighbor)));
    }

    /** {@link #state} with the time and counter of {@code now}. */
    public String state(NeighborContext neighbor, SessionState state, String reason, Stamp now) {
        return line(stateTree(neighbor, state, reason, now));
    }

    /**
     * What ExaBGP writes to every process as it stops, after its peers went down and before it ends the process
     * (reactor/api/processes.py {@code terminate}, response/json.py {@code shutdown}): the header without a
     * neighbor (and so without a counter), {@code "type": "notification", "notification": "shutdown"}.
     */
    public String shutdown() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("exabgp", version);
        Instant now = clock.instant();
        root.putRawValue("time", new RawValue(time(now))); // as header(): no BigDecimal
        root.put("host", process.host());
        root.put("pid", process.pid());
        root.put("ppid", process.ppid());
        root.put("type", "notification");
        root.put("notification", "shutdown");
        return line(root);
    }

    /** ExaBGP's text encoder's line for {@link #shutdown()}: {@code shutdown PID PPID}. */
    public String shutdownText() {
        return "shutdown " + process.pid() + " " + process.ppid();
    }

    /** {@link #message} as a tree (tests, and callers that add keys). */
    public ObjectNode messageTree(BgpMessage message, NeighborContext neighbor, Direction direction) {
        return messageTree(message, neighbor, direction, null, stamp(neighbor));
    }

    private ObjectNode messageTree(BgpMessage message, NeighborContext neighbor, Direction direction, byte[] octets,
                                   Stamp now) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(direction, "direction");
        ObjectNode root = header(neighbor, typeName(message), now);
        if (octets != null) { // consolidate: the octets between "type" and "neighbor", as ExaBGP's _header
            root.put("header", hex(octets, 0, HEADER));
            if (octets.length > HEADER) {
                root.put("body", hex(octets, HEADER, octets.length));
            }
        }
        ObjectNode n = neighbor(root, neighbor);
        n.put("direction", direction.text());
        switch (message) {
            case Open o -> n.set("open", OpenJson.open(o));
            case Update u -> n.putObject("message").set("update", UpdateJson.update(u));
            case Notification x -> n.set("notification", NotificationJson.notification(x));
            case Keepalive k -> {
                // the neighbor block alone
            }
            case RouteRefresh r -> {
                ObjectNode rr = n.putObject("route-refresh");
                rr.put("afi", Family.afiName(r.afi()));
                rr.put("safi", Family.safiName(r.safi()));
                rr.put("subtype", switch (r.subtype()) {
                    case RouteRefresh.NORMAL -> "query";
                    case RouteRefresh.BEGIN_OF_RR -> "begin";
                    case RouteRefresh.END_OF_RR -> "end";
                    default -> "invalid"; // RFC 7313 section 5: ignored by the receiver
                });
            }
            case dev.twinbgp.bgp.wire.Operational p -> n.set("operational", operational(p));
        }
        return root;
    }

    /** {@link #state} as a tree. */
    public ObjectNode stateTree(NeighborContext neighbor, SessionState state, String reason) {
        return stateTree(neighbor, state, reason, stamp(neighbor));
    }

    private ObjectNode stateTree(NeighborContext neighbor, SessionState state, String reason, Stamp now) {
        Objects.requireNonNull(state, "state");
        ObjectNode root = header(neighbor, "state", now);
        ObjectNode n = neighbor(root, neighbor);
        n.put("state", state.text());
        if (state == SessionState.DOWN) {
            n.put("reason", reason == null ? "" : reason);
        }
        return root;
    }

    /**
     * ExaBGP's {@code "operational"} object: name, afi, safi, then the advisory text (advisory), nothing more
     * (query: ExaBGP's encoder leaves the query's router-id and sequence out), or router-id, sequence and counter
     * (counter reply).
     */
    static ObjectNode operational(dev.twinbgp.bgp.wire.Operational p) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        String name = p.name();
        o.put("name", name == null ? "unknown-" + p.what() : name);
        o.put("afi", Family.afiName(p.afi()));
        o.put("safi", Family.safiName(p.safi()));
        String category = p.category();
        if ("advisory".equals(category)) {
            o.put("advisory", p.advisory());
        } else if ("counter".equals(category)) {
            o.put("router-id", dev.twinbgp.bgp.wire.Bytes.ipv4((int) p.routerId()));
            o.put("sequence", p.sequence());
            o.put("counter", p.counter());
        } else if (!"query".equals(category)) {
            o.put("data", java.util.HexFormat.of().withUpperCase().formatHex(p.data()));
        }
        return o;
    }

    /** ExaBGP's {@code "type"} for a message. */
    static String typeName(BgpMessage m) {
        return switch (m) {
            case Open o -> "open";
            case Update u -> "update";
            case Notification n -> "notification";
            case Keepalive k -> "keepalive";
            case RouteRefresh r -> "refresh";
            case dev.twinbgp.bgp.wire.Operational p -> "operational";
        };
    }

    private ObjectNode header(NeighborContext neighbor, String type, Stamp stamp) {
        Objects.requireNonNull(neighbor, "neighbor");
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("exabgp", version);
        Instant now = stamp.time();
        // The digits as the text header writes them, raw: a BigDecimal would cost a cold daemon BigDecimal's class
        // initialisation (JDK 25 squares 5^(2^15) there: tens of ms of the events thread at the first state event).
        root.putRawValue("time", new RawValue(time(now)));
        root.put("host", process.host());
        root.put("pid", process.pid());
        root.put("ppid", process.ppid());
        root.put("counter", stamp.counter());
        root.put("type", type);
        return root;
    }

    private static ObjectNode neighbor(ObjectNode root, NeighborContext c) {
        ObjectNode n = root.putObject("neighbor");
        ObjectNode addr = n.putObject("address");
        addr.put("local", c.localAddress());
        addr.put("peer", c.peerAddress());
        ObjectNode asn = n.putObject("asn");
        asn.put("local", c.localAs());
        asn.put("peer", c.peerAs());
        n.put("router-id", c.routerId());
        return n;
    }

    // ExaBGP's own layout, one line: { "key": value, "list": [ a, b ], "empty": { } }. ExaBGP writes its JSON by
    // hand in this shape, and API programs written for it match strings such as '"nlri": "10.0.0.0/24"'.
    private static final DefaultPrettyPrinter LINE = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Spacing.AFTER)
                    .withObjectEntrySpacing(Spacing.NONE)
                    .withArrayValueSpacing(Spacing.NONE)
                    .withObjectEmptySeparator(" ")
                    .withArrayEmptySeparator(" "))
                    .withObjectIndenter(new DefaultPrettyPrinter.FixedSpaceIndenter())
                    .withArrayIndenter(new DefaultPrettyPrinter.FixedSpaceIndenter());

    /** A tree as compact JSON (no spaces), for {@link UpdateLine}, which spaces the whole line at the end. */
    static String compact(ObjectNode tree) {
        return TreeWriter.write(FACTORY, null, tree);
    }

    /** Serialises a tree as one line of JSON in ExaBGP's layout (Jackson does the escaping). */
    public static String line(ObjectNode tree) {
        return TreeWriter.write(FACTORY, LINE.createInstance(), tree); // a printer per line: it counts the nesting
    }
}
