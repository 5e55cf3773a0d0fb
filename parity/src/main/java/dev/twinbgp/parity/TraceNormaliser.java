package dev.twinbgp.parity;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place where a trace loses what depends on timing rather than on behaviour, so that traces of
 * different reactors (and different runs) can be compared line for line. Every rule is here:
 * <ol>
 *   <li><b>KEEPALIVEs</b>: how many the keepalive timer sends, and where they fall between other events,
 *       depends on the clock. Before the session is established, only the first KEEPALIVE of each kind
 *       ({@code sent}, {@code received}, its JSON event) is kept (the OpenConfirm handshake, RFC 4271
 *       section 8.2.2); from {@code established} on, none is kept.</li>
 *   <li><b>ExaBGP's volatile JSON keys</b>: {@code time}, {@code host}, {@code pid}, {@code ppid} and
 *       {@code counter} become {@code 0} / {@code "host"} (the counter counts lines including the
 *       KEEPALIVE events dropped above).</li>
 *   <li><b>Ports</b>: {@code :PORT} after an address becomes {@code :PORT}, since every run binds new ones.</li>
 *   <li><b>Refused connects</b>: each reactor words a refused connect its own way (netty adds the address);
 *       {@code could not connect to the peer: ... refused ...} becomes
 *       {@code could not connect to the peer: connection refused}, keeping what follows the exception text
 *       ({@code ; restarting in N s}).</li>
 *   <li><b>Socket error texts</b>: a connection that died with an I/O error is reported by each reactor
 *       with its own exception text; any other {@code down} reason (and JSON {@code reason}) naming an
 *       exception, a reset, a broken pipe or a refusal becomes {@code connection lost}.</li>
 *   <li><b>KEEPALIVE counts at a {@code mark}</b>: {@code mark NAME: keepalives sent N received M} keeps
 *       only whether there were any: {@code sent >= 1} or {@code sent 0} (same for received). That a
 *       KEEPALIVE went out during a burst is behaviour; how many did is the clock's.</li>
 * </ol>
 * And one rule for size, not timing: a run of more than {@value #LISTED_UPDATES} consecutive {@code sent Update}
 * lines (a big table going out; KEEPALIVE lines are removed first, so nothing else can fall between them) is
 * summarised as {@code sent N UPDATEs (P prefixes) from FIRST to LAST, sha-256 X}, the digest covering every
 * line, so two traces still compare equal only when every UPDATE was the same.
 * Nothing else is changed: states, messages, NOTIFICATIONs, RIB contents and their order are compared as
 * recorded.
 */
public final class TraceNormaliser {
    private static final Pattern VOLATILE_NUMBER = Pattern.compile("\"(time|pid|ppid|counter)\": ?[0-9.]+");
    private static final Pattern HOST = Pattern.compile("\"host\": ?\"[^\"]*\"");
    private static final Pattern PORT = Pattern.compile("(\\d+\\.\\d+\\.\\d+\\.\\d+|\\[[0-9a-fA-F:]+\\]):\\d+");
    private static final Pattern REFUSED = Pattern.compile("could not connect to the peer: [^;\\]\"]*refused[^;\\]\"]*");
    private static final Pattern IO_REASON = Pattern.compile("^down \\[[^\\]]*(Exception|reset|Broken pipe|refused)[^\\]]*\\]");
    private static final Pattern IO_JSON_REASON = Pattern.compile("\"reason\": ?\"[^\"]*(Exception|reset|Broken pipe|refused)[^\"]*\"");
    private static final Pattern MARK = Pattern.compile("^(mark \\S+: keepalives) sent (\\d+) received (\\d+)$");
    /** Longer runs of sent UPDATEs are summarised. */
    static final int LISTED_UPDATES = 50;
    private static final String REFUSED_TEXT = "could not connect to the peer: connection refused";

    private TraceNormaliser() {
    }

    public static List<String> normalise(List<String> raw) {
        List<String> out = new ArrayList<>(raw.size());
        boolean established = false;
        boolean sentKeepalive = false;
        boolean receivedKeepalive = false;
        boolean jsonKeepalive = false;
        for (String line : raw) {
            if (line.startsWith("established ")) {
                established = true;
            }
            if (line.equals("sent Keepalive[]")) {
                if (established || sentKeepalive) {
                    continue;
                }
                sentKeepalive = true;
            } else if (line.equals("received Keepalive[]")) {
                if (established || receivedKeepalive) {
                    continue;
                }
                receivedKeepalive = true;
            } else if (line.startsWith("json ") && line.contains("\"type\": \"keepalive\"")) {
                if (established || jsonKeepalive) {
                    continue;
                }
                jsonKeepalive = true;
            }
            out.add(clean(line));
        }
        return summariseUpdateRuns(out);
    }

    private static List<String> summariseUpdateRuns(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        int i = 0;
        while (i < lines.size()) {
            int end = i;
            while (end < lines.size() && isSentUpdate(lines.get(end))) {
                end++;
            }
            if (end - i > LISTED_UPDATES) {
                out.add(summary(lines.subList(i, end)));
                i = end;
            } else if (end > i) {
                out.addAll(lines.subList(i, end));
                i = end;
            } else {
                out.add(lines.get(i++));
            }
        }
        return out;
    }

    private static boolean isSentUpdate(String line) {
        return line.startsWith("sent Update[") && !line.startsWith("sent Update[End-of-RIB");
    }

    private static String summary(List<String> run) {
        long prefixes = 0;
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (String line : run) {
            sha.update((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            int nlri = line.indexOf("nlri=[");
            if (nlri >= 0) {
                int close = line.indexOf(']', nlri);
                String list = line.substring(nlri + 6, close < 0 ? line.length() : close);
                prefixes += list.isBlank() ? 0 : list.split(",").length;
            }
        }
        return "sent " + run.size() + " UPDATEs (" + prefixes + " prefixes) from " + run.getFirst().substring(5) + " to "
                + run.getLast().substring(5) + ", sha-256 " + java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    private static String atLeastOne(String count) {
        return count.equals("0") ? "0" : ">= 1";
    }

    private static String clean(String line) {
        if (line.startsWith("sent ") || line.startsWith("received ")) {
            return line; // a message's canonical text has no port, no time and no exception text
        }
        String s = line;
        s = REFUSED.matcher(s).replaceAll(REFUSED_TEXT);
        if (s.startsWith("json ")) {
            s = VOLATILE_NUMBER.matcher(s).replaceAll("\"$1\": 0");
            s = HOST.matcher(s).replaceAll("\"host\": \"host\"");
            if (!s.contains(REFUSED_TEXT)) {
                s = IO_JSON_REASON.matcher(s).replaceAll("\"reason\": \"connection lost\"");
            }
        }
        if (!s.startsWith("json ") || s.contains("\"type\": \"state\"")) {
            s = PORT.matcher(s).replaceAll("$1:PORT"); // JSON messages (big ones, for a burst) carry no port
        }
        java.util.regex.Matcher mark = MARK.matcher(s);
        if (mark.matches()) {
            s = mark.group(1) + " sent " + atLeastOne(mark.group(2)) + " received " + atLeastOne(mark.group(3));
        }
        if (!s.contains(REFUSED_TEXT)) {
            s = IO_REASON.matcher(s).replaceAll("down [connection lost]");
        }
        return s;
    }
}
