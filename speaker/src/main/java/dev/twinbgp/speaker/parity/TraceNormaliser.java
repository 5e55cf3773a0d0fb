package dev.twinbgp.speaker.parity;

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
 * </ol>
 * Nothing else is changed: states, messages, NOTIFICATIONs, RIB contents and their order are compared as
 * recorded.
 */
public final class TraceNormaliser {
    private static final Pattern VOLATILE_NUMBER = Pattern.compile("\"(time|pid|ppid|counter)\":[0-9.]+");
    private static final Pattern HOST = Pattern.compile("\"host\":\"[^\"]*\"");
    private static final Pattern PORT = Pattern.compile("(\\d+\\.\\d+\\.\\d+\\.\\d+|\\[[0-9a-fA-F:]+\\]):\\d+");
    private static final Pattern REFUSED = Pattern.compile("could not connect to the peer: [^;\\]\"]*refused[^;\\]\"]*");
    private static final Pattern IO_REASON = Pattern.compile("^down \\[[^\\]]*(Exception|reset|Broken pipe|refused)[^\\]]*\\]");
    private static final Pattern IO_JSON_REASON = Pattern.compile("\"reason\":\"[^\"]*(Exception|reset|Broken pipe|refused)[^\"]*\"");
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
            } else if (line.startsWith("json ") && line.contains("\"type\":\"keepalive\"")) {
                if (established || jsonKeepalive) {
                    continue;
                }
                jsonKeepalive = true;
            }
            out.add(clean(line));
        }
        return out;
    }

    private static String clean(String line) {
        String s = line;
        s = REFUSED.matcher(s).replaceAll(REFUSED_TEXT);
        if (s.startsWith("json ")) {
            s = VOLATILE_NUMBER.matcher(s).replaceAll("\"$1\":0");
            s = HOST.matcher(s).replaceAll("\"host\":\"host\"");
            if (!s.contains(REFUSED_TEXT)) {
                s = IO_JSON_REASON.matcher(s).replaceAll("\"reason\":\"connection lost\"");
            }
        }
        s = PORT.matcher(s).replaceAll("$1:PORT");
        if (!s.contains(REFUSED_TEXT)) {
            s = IO_REASON.matcher(s).replaceAll("down [connection lost]");
        }
        return s;
    }
}
