package dev.twinbgp.speaker.api;

import dev.twinbgp.speaker.config.IpAddress;
import dev.twinbgp.speaker.config.Prefix;
import dev.twinbgp.speaker.config.RouteAttributes;
import dev.twinbgp.speaker.config.RouteConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's commonest lines read without the configuration grammar when their attributes were seen before:
 * <pre>
 *   announce route PREFIX ATTRIBUTES      e.g. announce route 10.0.0.0/24 next-hop 192.0.2.1 med 5
 *   withdraw route PREFIX [ATTRIBUTES]
 *   \______________/\_____/\__________/
 *        form        prefix   tail: the key; its {@link RouteAttributes} are what the full parse gave
 * </pre>
 * A process announcing a table repeats a few attribute sets over many prefixes (issue 18: tokenizing and
 * parsing each line in full was half of the reader thread's time at 1,000,000 routes). So the full parse
 * ({@link CommandParser#parse}) runs on the first line with a given tail, its attributes are kept under the
 * tail's text, and the next line with the same tail only has its prefix read here. The attribute grammar
 * never looks at the prefix, so a tail means the same attributes before any prefix - except {@code split},
 * whose check needs the prefix length: such tails are never kept. Anything this class does not read exactly
 * as the grammar would (an IPv4 part with a leading zero, a missing length, selectors, extra blanks before the
 * prefix) is left to the full parse, which also gives every error message.
 *
 * <p>Bounded ({@link #CAPACITY} tails per form, least recently used dropped). Not thread-safe: one per
 * reader thread.
 */
final class RouteLines {
    static final int CAPACITY = 4096;
    private static final String ANNOUNCE = "announce route ";
    private static final String WITHDRAW = "withdraw route ";

    private final Map<String, RouteAttributes> announced = lru();
    private final Map<String, RouteAttributes> withdrawn = lru();

    /** The request on {@code line}, read here when its tail is known, else by {@link CommandParser#parse}. */
    Request parse(String line) throws CommandException {
        String text = line.strip();
        boolean announce = text.startsWith(ANNOUNCE);
        if (!announce && !text.startsWith(WITHDRAW)) {
            return CommandParser.parse(line);
        }
        int start = ANNOUNCE.length(); // the same length as WITHDRAW
        int space = text.indexOf(' ', start);
        int end = space < 0 ? text.length() : space;
        String tail = space < 0 ? "" : text.substring(space + 1);
        Map<String, RouteAttributes> known = announce ? announced : withdrawn;
        RouteAttributes attributes = known.get(tail);
        Prefix prefix = attributes != null || tail.length() <= MAX_TAIL ? prefix(text, start, end) : null;
        if (attributes != null && prefix != null) {
            List<RouteConfig> routes = List.of(new RouteConfig(prefix, attributes));
            return new Request(List.of(), announce ? new Command.Announce(routes) : new Command.Withdraw(routes));
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
                known.put(tail, routes.get(0).attributes());
            }
        }
        return request;
    }

    /** Tails longer than this are not kept (a cache of a few MB at most). */
    private static final int MAX_TAIL = 512;

    /**
     * {@code text[start, end)} as a prefix, exactly as the grammar reads it, or null when it is not the
     * plain form: {@code A.B.C.D/LEN} (parts 0-255 without leading zeros, LEN 0-32 without leading zeros) or
     * {@code IPV6/LEN}, host bits clear.
     */
    static Prefix prefix(String text, int start, int end) {
        int slash = text.indexOf('/', start);
        if (slash < 0 || slash >= end) {
            return null;
        }
        IpAddress address;
        if (text.lastIndexOf(':', slash) >= start) {
            try {
                address = IpAddress.parse(text.substring(start, slash));
            } catch (IllegalArgumentException notAnAddress) {
                return null;
            }
        } else {
            byte[] bytes = ipv4(text, start, slash);
            if (bytes == null) {
                return null;
            }
            address = new IpAddress(bytes);
        }
        int max = address.isIpv4() ? 32 : 128;
        int length = number(text, slash + 1, end, max);
        if (length < 0) {
            return null;
        }
        try {
            return new Prefix(address, length);
        } catch (IllegalArgumentException hostBits) {
            return null; // the full parse says which bits
        }
    }

    private static byte[] ipv4(String text, int start, int end) {
        byte[] out = new byte[4];
        int at = start;
        for (int i = 0; i < 4; i++) {
            int dot = i < 3 ? text.indexOf('.', at) : end;
            if (dot < 0 || dot > end) {
                return null;
            }
            int value = number(text, at, dot, 255);
            if (value < 0) {
                return null;
            }
            out[i] = (byte) value;
            at = dot + 1;
        }
        return out;
    }

    /** The decimal {@code text[start, end)} in 0..max, without leading zeros, or -1. */
    private static int number(String text, int start, int end, int max) {
        int n = end - start;
        if (n < 1 || n > 3 || (n > 1 && text.charAt(start) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= max ? value : -1;
    }

    private static Map<String, RouteAttributes> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RouteAttributes> eldest) {
                return size() > CAPACITY;
            }
        };
    }
}
