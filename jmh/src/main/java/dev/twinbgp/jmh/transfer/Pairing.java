package dev.twinbgp.jmh.transfer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Which reactor the sender (A) and the receiver (B) run on; JMH parameter values are the names. */
public enum Pairing {
    SELECTOR_SELECTOR("selector", "selector"),
    SELECTOR_NETTY("selector", "netty"),
    NETTY_SELECTOR("netty", "selector"),
    NETTY_NETTY("netty", "netty"),
    SELECTOR_VIRTUAL("selector", "virtual"),
    VIRTUAL_SELECTOR("virtual", "selector"),
    NETTY_VIRTUAL("netty", "virtual"),
    VIRTUAL_NETTY("virtual", "netty"),
    VIRTUAL_VIRTUAL("virtual", "virtual");

    private final String sender;
    private final String receiver;

    Pairing(String sender, String receiver) {
        this.sender = sender;
        this.receiver = receiver;
    }

    public String sender() {
        return sender;
    }

    public String receiver() {
        return receiver;
    }

    /** "selector-netty" and the like: sender first. */
    public String label() {
        return sender + "-" + receiver;
    }

    public static Pairing of(String label) {
        for (Pairing p : values()) {
            if (p.label().equals(label.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pairing '" + label + "': use sender-receiver, e.g. selector-netty");
    }

    /** The labels among {@code labels} that name a pairing, in this enum's order (a report's column order). */
    public static List<String> presentIn(Collection<String> labels) {
        List<String> out = new ArrayList<>();
        for (Pairing p : values()) {
            if (labels.contains(p.label())) {
                out.add(p.label());
            }
        }
        return out;
    }
}
