package dev.twinbgp.speaker.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One of ExaBGP's API vectors ({@code api/NAME.ci}, format in the vectors' README): the configuration (which starts
 * the API program from {@code conf/run/}), the test peer's options, and what the peer must see and do on each TCP
 * connection. A group is written {@code N} (connection A) or {@code LN} ({@code A1}, {@code B2}: letter = the
 * connection, A first); groups are checked in order, the messages of one group in any order.
 *
 * @param connections    every connection's groups, A first; at least one
 * @param tcpConnections {@code option:tcp_connections:N} when given (0: the speaker starts with no neighbor)
 */
record ProgramVector(String name, Path config, OptionalLong peerAsn, boolean sendDefaultRoute,
                     OptionalLong tcpConnections, List<SortedMap<Integer, Group>> connections) {

    /** What the peer expects (whole messages, upper-case hex) and, optionally, then does: a NOTIFICATION Cease. */
    record Group(List<String> raw, String notification) {
    }

    static ProgramVector read(Path ci) throws IOException {
        Path config = null;
        OptionalLong asn = OptionalLong.empty();
        OptionalLong tcp = OptionalLong.empty();
        boolean defaultRoute = false;
        List<SortedMap<Integer, List<String>>> raw = new ArrayList<>();
        List<SortedMap<Integer, String>> notifications = new ArrayList<>();
        for (String line : Files.readAllLines(ci)) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("option:")) {
                String option = line.substring("option:".length());
                if (option.startsWith("file:") && config == null) {
                    config = ci.getParent().resolveSibling("conf").resolve(option.substring("file:".length()));
                } else if (option.startsWith("asn:")) {
                    asn = OptionalLong.of(Long.parseLong(option.substring("asn:".length())));
                } else if (option.startsWith("tcp_connections:")) {
                    tcp = OptionalLong.of(Long.parseLong(option.substring("tcp_connections:".length())));
                } else if (option.equals("update:send-default-route")) {
                    defaultRoute = true;
                }
                continue;
            }
            int colon = line.indexOf(':');
            String group = line.substring(0, colon);
            String rest = line.substring(colon + 1);
            int connection = Character.isLetter(group.charAt(0)) ? group.charAt(0) - 'A' : 0;
            int number = Integer.parseInt(Character.isLetter(group.charAt(0)) ? group.substring(1) : group);
            while (raw.size() <= connection) {
                raw.add(new TreeMap<>());
                notifications.add(new TreeMap<>());
            }
            if (rest.startsWith("raw:")) {
                // Colons are only separators: drop them all.
                String hex = Vectors.rfc(rest.substring("raw:".length()).replace(":", "").toUpperCase(Locale.ROOT));
                raw.get(connection).computeIfAbsent(number, k -> new ArrayList<>()).add(hex);
            } else if (rest.startsWith("notification:")) {
                notifications.get(connection).put(number, rest.substring("notification:".length()));
                raw.get(connection).computeIfAbsent(number, k -> new ArrayList<>());
            } // cmd: and json: lines document the raw line; the program sends the commands
        }
        if (config == null) {
            throw new IOException(ci + ": no option:file line");
        }
        if (raw.isEmpty()) {
            raw.add(new TreeMap<>());
            notifications.add(new TreeMap<>());
        }
        List<SortedMap<Integer, Group>> connections = new ArrayList<>();
        for (int c = 0; c < raw.size(); c++) {
            SortedMap<Integer, Group> groups = new TreeMap<>();
            for (var e : raw.get(c).entrySet()) {
                groups.put(e.getKey(), new Group(List.copyOf(e.getValue()), notifications.get(c).get(e.getKey())));
            }
            connections.add(groups);
        }
        String file = ci.getFileName().toString();
        return new ProgramVector(file.substring(0, file.length() - ".ci".length()), config, asn, defaultRoute, tcp,
                List.copyOf(connections));
    }

    @Override
    public String toString() {
        return name;
    }
}
