package dev.twinbgp.speaker.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.Notification;
import java.nio.charset.StandardCharsets;

/**
 * The {@code "notification"} object of ExaBGP's JSON (RFC 4271 section 4.5):
 * {@code {"code": 6, "subcode": 2, "data": "0x..", "message": ".."}}. {@code data} is the Data field
 * in hex ({@code 0x} alone when empty). {@code message} is ExaBGP's reading of it: for a Cease with a
 * Shutdown Communication (RFC 9003 section 2) {@code Shutdown Communication: "text"}, otherwise the
 * data as text when it is printable ASCII, else its hex. We also add {@code "name"}, the code and
 * subcode names, which ExaBGP only prints in its logs.
 */
final class NotificationJson {
    private NotificationJson() {
    }

    static ObjectNode notification(Notification n) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("code", n.code());
        o.put("subcode", n.subcode());
        o.put("data", Text.hex0x(n.data()));
        o.put("message", message(n));
        o.put("name", ErrorCodes.name(n.code(), n.subcode()));
        return o;
    }

    static String message(Notification n) {
        byte[] data = n.data();
        boolean shutdown = n.code() == ErrorCodes.CEASE
                && (n.subcode() == ErrorCodes.CEASE_ADMIN_SHUTDOWN || n.subcode() == ErrorCodes.CEASE_ADMIN_RESET);
        if (shutdown && data.length > 0) {
            return n.shutdownCommunication()
                    .map(s -> "Shutdown Communication: \"" + s.replace('\r', ' ').replace('\n', ' ') + "\"")
                    .orElse("invalid Shutdown Communication " + Text.hex0x(data));
        }
        for (byte b : data) {
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b >= 0x7F || b < 0) {
                return Text.hex0x(data);
            }
        }
        return new String(data, StandardCharsets.US_ASCII);
    }
}
