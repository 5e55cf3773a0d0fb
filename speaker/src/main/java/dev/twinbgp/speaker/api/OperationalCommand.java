package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.wire.Operational;
import dev.twinbgp.bgp.wire.family.Family;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ExaBGP's {@code operational} API command (its configuration/operational parser):
 * <pre>
 * operational adm|asm afi AFI safi SAFI advisory "TEXT"
 * operational rpcq|apcq|lpcq afi AFI safi SAFI [router-id ID] sequence N
 * operational rpcp|apcp|lpcp afi AFI safi SAFI [router-id ID] sequence N counter N
 * </pre>
 * Without {@code router-id} the session's own BGP identifier is sent, as ExaBGP does.
 */
final class OperationalCommand {
    static final String FORM = "operational adm|asm afi AFI safi SAFI advisory \"TEXT\" | operational rpcq|apcq|lpcq"
            + " afi AFI safi SAFI [router-id ID] sequence N | operational rpcp|apcp|lpcp ... sequence N counter N";

    private OperationalCommand() {
    }

    /** Parses what follows the word {@code operational}, which starts at {@code offset} (0-based) in the line. */
    static Command.Operational parse(String text, int offset) throws CommandException {
        List<String> t = tokens(text, offset);
        if (t.isEmpty()) {
            throw new CommandException("operational: expected adm, asm, rpcq, rpcp, apcq, apcp, lpcq or lpcp");
        }
        String name = t.get(0).toLowerCase(Locale.ROOT);
        int what = switch (name) {
            case "adm" -> Operational.ADM;
            case "asm" -> Operational.ASM;
            case "rpcq" -> Operational.RPCQ;
            case "rpcp" -> Operational.RPCP;
            case "apcq" -> Operational.APCQ;
            case "apcp" -> Operational.APCP;
            case "lpcq" -> Operational.LPCQ;
            case "lpcp" -> Operational.LPCP;
            default -> throw new CommandException("operational: unknown type '" + t.get(0)
                    + "', expected adm, asm, rpcq, rpcp, apcq, apcp, lpcq or lpcp");
        };
        List<String> expected = switch (what) {
            case Operational.ADM, Operational.ASM -> List.of("afi", "safi", "advisory");
            case Operational.RPCQ, Operational.APCQ, Operational.LPCQ -> List.of("afi", "safi", "sequence");
            default -> List.of("afi", "safi", "sequence", "counter");
        };
        String afi = null;
        String safi = null;
        String advisory = null;
        long routerId = -1;
        long sequence = 0;
        long counter = 0;
        int next = 0;
        for (int i = 1; i < t.size(); i += 2) {
            String key = t.get(i).toLowerCase(Locale.ROOT);
            if (i + 1 >= t.size()) {
                throw new CommandException("operational " + name + ": missing value for '" + key + "'");
            }
            String value = t.get(i + 1);
            if (key.equals("router-id")) {
                routerId = ipv4(value, name);
                continue;
            }
            if (next >= expected.size() || !key.equals(expected.get(next))) {
                throw new CommandException("operational " + name + ": unexpected '" + key + "', expected "
                        + (next < expected.size() ? "'" + expected.get(next) + "'" : "the end of the line"));
            }
            next++;
            switch (key) {
                case "afi" -> afi = value.toLowerCase(Locale.ROOT);
                case "safi" -> safi = value.toLowerCase(Locale.ROOT);
                case "advisory" -> advisory = value;
                case "sequence" -> sequence = u32(value, name, key);
                default -> counter = u32(value, name, key);
            }
        }
        if (next != expected.size()) {
            throw new CommandException("operational " + name + ": missing '" + expected.get(next) + "', expected "
                    + String.join(" ... ", expected));
        }
        return new Command.Operational(what, family(afi, safi, name), advisory, routerId, sequence, counter);
    }

    private static Family family(String afi, String safi, String name) throws CommandException {
        int a = switch (afi) {
            case "ipv4" -> Family.AFI_IPV4;
            case "ipv6" -> Family.AFI_IPV6;
            case "l2vpn" -> Family.AFI_L2VPN;
            case "bgp-ls" -> Family.AFI_BGP_LS;
            default -> throw new CommandException("operational " + name + ": unknown afi '" + afi + "'");
        };
        int s = switch (safi) {
            case "unicast" -> Family.SAFI_UNICAST;
            case "multicast" -> Family.SAFI_MULTICAST;
            case "nlri-mpls" -> Family.SAFI_MPLS_LABEL;
            case "mpls-vpn" -> Family.SAFI_MPLS_VPN;
            case "flow" -> Family.SAFI_FLOW;
            case "flow-vpn" -> Family.SAFI_FLOW_VPN;
            case "evpn" -> Family.SAFI_EVPN;
            case "vpls" -> Family.SAFI_VPLS;
            case "bgp-ls" -> Family.SAFI_BGP_LS;
            default -> throw new CommandException("operational " + name + ": unknown safi '" + safi + "'");
        };
        return new Family(a, s);
    }

    private static long u32(String value, String name, String key) throws CommandException {
        try {
            long v = Long.parseLong(value);
            if (v >= 0 && v <= 0xFFFFFFFFL) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandException("operational " + name + ": " + key + " must be 0..4294967295, found '" + value + "'");
    }

    private static long ipv4(String value, String name) throws CommandException {
        String[] parts = value.split("\\.", -1);
        if (parts.length == 4) {
            long v = 0;
            try {
                for (String p : parts) {
                    int octet = Integer.parseInt(p);
                    if (octet < 0 || octet > 255) {
                        throw new NumberFormatException(p);
                    }
                    v = v << 8 | octet;
                }
                return v;
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new CommandException("operational " + name + ": router-id must be an IPv4 address, found '" + value + "'");
    }

    /** Words, a double- or single-quoted string being one word without its quotes. */
    private static List<String> tokens(String text, int offset) throws CommandException {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    throw new CommandException("operational: unterminated quoted string at column " + (offset + i + 1));
                }
                out.add(text.substring(i + 1, end));
                i = end + 1;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                out.add(text.substring(start, i));
            }
        }
        return out;
    }
}
