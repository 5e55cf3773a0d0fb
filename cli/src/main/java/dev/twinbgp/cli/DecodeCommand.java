package dev.twinbgp.cli;

import dev.twinbgp.bgp.wire.Decoded;
import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.WireError;
import dev.twinbgp.speaker.json.Direction;
import dev.twinbgp.speaker.json.ExaJson;
import dev.twinbgp.speaker.json.NeighborContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code twinbgp decode}: BGP messages in hex to ExaBGP-style JSON, one object per line on stdout.
 * Nothing else goes to stdout; errors are one line each on stderr, never a stack trace.
 */
@Command(name = "decode", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Decodes BGP messages given in hex (whole messages: 16-octet marker, length, type, body) and"
                + " prints each as ExaBGP-style JSON, one object per line on stdout. Spaces, colons and a leading 0x"
                + " are ignored. With '-', reads one message per line from stdin (blank lines and lines starting with"
                + " '#' are skipped) and carries on after a bad line; the exit code is then the worst one.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every message decoded",
            "1:a message is malformed: the NOTIFICATION it would cause (RFC 4271 section 6) is printed as JSON"
                    + " on stdout (type notification, direction out), and as one line on stderr",
            "2:bad usage, or input that is not hex (odd number of digits, a non-hex character): one line on stderr"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  twinbgp decode FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001304",
            "  twinbgp decode --no-asn4 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF:0017:02:00000000",
            "  twinbgp decode - < messages.hex"})
final class DecodeCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int MALFORMED = 1;
    static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "HEX|-",
            description = "The message in hex (several arguments are joined), or '-' to read lines from stdin.")
    List<String> input;

    @Option(names = "--asn4", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "4-octet AS numbers in AS_PATH and AGGREGATOR (RFC 6793); on by default, as in ExaBGP. --no-asn4 for 2-octet.")
    boolean asn4;

    @Option(names = "--add-path", description = "ADD-PATH received for every IPv4/IPv6 unicast, multicast, nlri-mpls and mpls-vpn family (RFC 7911): NLRI carry path ids.")
    boolean addPathAll;

    @Option(names = "--add-path-family", paramLabel = "FAMILY", converter = FamilyOption.class,
            description = "ADD-PATH received for this family only (repeatable), e.g. ipv4/unicast or ipv4/mpls-vpn.")
    List<Family> addPathFamilies = List.of();

    @Option(names = "--extended-message", description = "Accept messages up to 65535 octets (RFC 8654) instead of 4096.")
    boolean extendedMessage;

    @Option(names = "--local-as", defaultValue = "65533", description = "Neighbor block of the JSON: our AS (default: ${DEFAULT-VALUE}).")
    long localAs;

    @Option(names = "--peer-as", defaultValue = "65533", description = "The peer's AS (default: ${DEFAULT-VALUE}).")
    long peerAs;

    @Option(names = "--local-address", defaultValue = "127.0.0.1", description = "Our address (default: ${DEFAULT-VALUE}).")
    String localAddress;

    @Option(names = "--peer-address", defaultValue = "127.0.0.1", description = "The peer's address (default: ${DEFAULT-VALUE}).")
    String peerAddress;

    @Option(names = "--router-id", defaultValue = "127.0.0.1", description = "Our router id (default: ${DEFAULT-VALUE}).")
    String routerId;

    @Option(names = "--direction", defaultValue = "IN", description = "in or out: the direction key of the JSON (default: in).",
            converter = DirectionOption.class)
    Direction direction;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NeighborContext neighbor;
        try {
            neighbor = new NeighborContext(localAddress, peerAddress, localAs, peerAs, routerId);
        } catch (IllegalArgumentException e) {
            err.println("twinbgp decode: " + e.getMessage());
            return BAD_INPUT;
        }
        Decoder decoder = new Decoder(ExaJson.system(), neighbor, direction, negotiated(), out, err);
        if (input.size() == 1 && input.get(0).equals("-")) {
            return decoder.stdin();
        }
        return decoder.one(String.join(" ", input), null);
    }

    private Negotiated negotiated() {
        Set<Family> addPath = new HashSet<>(addPathFamilies);
        if (addPathAll) {
            addPath.addAll(FamilyOption.PREFIX_FAMILIES);
        }
        return new Negotiated(asn4, addPath, addPath, extendedMessage);
    }

    /** Decodes and prints; one instance per invocation. */
    private record Decoder(ExaJson json, NeighborContext neighbor, Direction direction, Negotiated negotiated,
                           PrintWriter out, PrintWriter err) {
        int stdin() {
            int worst = OK;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                int n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    String t = line.strip();
                    if (t.isEmpty() || t.startsWith("#")) {
                        continue;
                    }
                    worst = Math.max(worst, one(t, n));
                }
            } catch (IOException e) {
                err.println("twinbgp decode: reading stdin: " + e.getMessage());
                return Math.max(worst, MALFORMED);
            }
            return worst;
        }

        /** Decodes one message; {@code line} is the stdin line number, or null for an argument. */
        int one(String hex, Integer line) {
            String where = line == null ? "" : "line " + line + ": ";
            byte[] wire;
            try {
                wire = HexInput.parse(hex);
            } catch (HexInput.BadHex e) {
                err.println("twinbgp decode: " + where + "bad hex: " + e.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            try {
                Decoded d = MessageDecoder.decode(wire, negotiated);
                switch (d) {
                    case Decoded.Ok ok -> {
                        out.println(json.message(ok.message(), neighbor, direction));
                        out.flush();
                        if (ok.message() instanceof dev.twinbgp.bgp.wire.Update u && !u.attributeErrors().isEmpty()) {
                            // RFC 7606: malformed, but no NOTIFICATION - the session would carry on. Say so.
                            for (dev.twinbgp.bgp.wire.attribute.AttributeError a : u.attributeErrors()) {
                                err.println("twinbgp decode: " + where + "malformed attribute, no NOTIFICATION (RFC 7606 "
                                        + a.action().toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "): "
                                        + a.error());
                            }
                            err.flush();
                        }
                        return OK;
                    }
                    case Decoded.Failed f -> {
                        WireError e = f.error();
                        Notification n = e.toNotification();
                        out.println(json.message(n, neighbor, Direction.OUT));
                        out.flush();
                        err.println("twinbgp decode: " + where + "malformed message, would send NOTIFICATION "
                                + e.code() + "/" + e.subcode() + " (" + ErrorCodes.name(e.code(), e.subcode()) + ")"
                                + (n.dataLength() == 0 ? "" : " data " + HexFormat.of().withUpperCase().formatHex(n.data()))
                                + ": " + e.reason());
                        err.flush();
                        return MALFORMED;
                    }
                }
            } catch (RuntimeException bug) {
                // The decoder never throws for bad input; if it does, it is a bug: say so in one line.
                err.println("twinbgp decode: " + where + "internal error while decoding: " + bug);
                err.flush();
                return MALFORMED;
            }
        }
    }
}
