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
 * One ExaBGP encoding vector ({@code encoding/NAME.ci}, format in the vectors' README): the configuration
 * file, the test peer's options (with {@code sendUnknownMessage} it sends a message of type 255 after the OPEN
 * exchange, and the speaker's NOTIFICATION is an expected message), and the messages the speaker must send, as upper-case hex of whole
 * messages (marker, length, type, body), by group number.
 */
record EncodingVector(String name, Path config, OptionalLong peerAsn, boolean sendUnknownCapability,
                      boolean inspectOpen, SortedMap<Integer, List<String>> groups, boolean bindIpv6,
                      boolean sendUnknownMessage) {

    EncodingVector(String name, Path config, OptionalLong peerAsn, boolean sendUnknownCapability, boolean inspectOpen,
                   SortedMap<Integer, List<String>> groups) {
        this(name, config, peerAsn, sendUnknownCapability, inspectOpen, groups, false, false);
    }

    static EncodingVector read(Path ci) throws IOException {
        Path config = null;
        OptionalLong asn = OptionalLong.empty();
        boolean unknown = false;
        boolean inspect = false;
        boolean unknownMessage = false;
        boolean ipv6 = false;
        SortedMap<Integer, List<String>> groups = new TreeMap<>();
        for (String raw : Files.readAllLines(ci)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("option:file:")) {
                config = ci.getParent().resolveSibling("conf").resolve(line.substring("option:file:".length()));
            } else if (line.startsWith("option:asn:")) {
                asn = OptionalLong.of(Long.parseLong(line.substring("option:asn:".length())));
            } else if (line.equals("option:open:send-unknown-capability")) {
                unknown = true;
            } else if (line.equals("option:open:inspect-open-message")) {
                inspect = true;
            } else if (line.equals("option:open:send-unknown-message")) {
                unknownMessage = true;
            } else if (line.equals("option:bind:ipv6")) {
                ipv6 = true; // the test peer listens on ::1
            } else {
                int colon = line.indexOf(':');
                String rest = line.substring(colon + 1);
                if (rest.startsWith("raw:")) {
                    // Colons are only separators, and one vector puts them in odd places: drop them all.
                    String hex = Vectors.rfc(rest.substring("raw:".length()).replace(":", "").toUpperCase(Locale.ROOT));
                    groups.computeIfAbsent(Integer.parseInt(line.substring(0, colon)), k -> new ArrayList<>()).add(hex);
                }
            }
        }
        if (config == null) {
            throw new IOException(ci + ": no option:file line");
        }
        String file = ci.getFileName().toString();
        return new EncodingVector(file.substring(0, file.length() - ".ci".length()), config, asn, unknown, inspect, groups,
                ipv6, unknownMessage);
    }

    @Override
    public String toString() {
        return name;
    }
}
