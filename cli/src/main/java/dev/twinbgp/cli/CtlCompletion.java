package dev.twinbgp.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What may come next in an API command, for the shell's tab completion: the words of docs/api.md's commands, and
 * the neighbors' addresses where one is expected ({@code neighbor IP ...}, {@code teardown IP},
 * {@code delete neighbor IP}). Free text (prefixes, attributes) completes to nothing.
 */
final class CtlCompletion {
    /** The shell's own words, beside the API's. */
    static final List<String> SHELL = List.of("exit", "quit");

    private static final List<String> FIRST = List.of("announce", "withdraw", "show", "clear", "flush", "teardown",
            "neighbor", "create", "delete", "ping", "shutdown", "reload", "restart", "version", "help", "enable-ack",
            "disable-ack", "silence-ack");
    private static final Map<String, List<String>> SECOND = Map.of(
            "announce", List.of("route", "ipv4", "ipv6", "attributes", "flow", "eor", "route-refresh", "watchdog"),
            "withdraw", List.of("route", "ipv4", "ipv6", "attributes", "flow", "watchdog"),
            "show", List.of("neighbor", "adj-rib"),
            "clear", List.of("adj-rib"),
            "flush", List.of("adj-rib"),
            "create", List.of("neighbor"),
            "delete", List.of("neighbor"));

    private final Supplier<List<String>> neighbors;

    /** @param neighbors the configured neighbors' addresses, asked for only when one is expected */
    CtlCompletion(Supplier<List<String>> neighbors) {
        this.neighbors = neighbors;
    }

    /** The candidates for the word after {@code before} (the words already typed). */
    List<String> next(List<String> before) {
        int n = before.size();
        if (n >= 2 && before.get(n - 2).equals("neighbor") && !(n == 2 && before.get(0).equals("show"))
                && !(n == 3 && before.get(0).equals("create"))) {
            // after 'neighbor IP' (or 'delete neighbor IP') a command follows, as at the start
            return n == 3 && before.get(0).equals("delete") ? List.of() : FIRST;
        }
        if (n == 0) return concat(FIRST, SHELL);
        String last = before.get(n - 1);
        if (last.equals("neighbor") && (n == 1 || n == 2 && before.get(0).equals("delete"))) return neighbors.get();
        if (last.equals("teardown")) return neighbors.get();
        if (n == 1) return SECOND.getOrDefault(last, List.of());
        String first = before.get(0);
        // ExaBGP's filters: a neighbor's address after 'show neighbor' / 'show adj-rib in|out', and the kinds of route
        if (n == 2 && first.equals("show") && last.equals("neighbor")) {
            return concat(List.of("summary", "extensive", "configuration", "json"), neighbors.get());
        }
        if (n == 2 && first.equals("show") && last.equals("adj-rib")) return List.of("in", "out");
        if (n == 3 && first.equals("show") && before.get(1).equals("neighbor")) return List.of("json");
        if (n == 3 && first.equals("show") && before.get(1).equals("adj-rib")) {
            return concat(List.of("extensive", "json", "inet", "flow", "l2vpn"), neighbors.get());
        }
        if (n == 2 && first.equals("clear") && last.equals("adj-rib")) return List.of("in", "out");
        if (n == 2 && first.equals("flush") && last.equals("adj-rib")) return List.of("out");
        if (n == 2 && (first.equals("announce") || first.equals("withdraw")) && (last.equals("ipv4") || last.equals("ipv6"))) {
            return List.of("unicast", "flow", "flow-vpn");
        }
        return List.of();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
