package dev.twinbgp.bgp.fsm;

import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Notification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the FSM asks the driver to do, in order. The driver carries them out on its reactor and
 * afterwards asks {@code nextDeadline()} when to call {@code onTimer(now)} again.
 */
public sealed interface Action {

    /**
     * Open an outgoing TCP connection to the peer (abandoning any attempt still pending). The
     * driver must not report events of an abandoned attempt: the FSM has a single pending attempt.
     */
    record Connect() implements Action {
    }

    /** Encode and send {@code message} on the connection. */
    record Send(Direction via, BgpMessage message) implements Action {
    }

    /**
     * Close the connection once what was queued before (e.g. a NOTIFICATION) is written. For
     * {@link Direction#OUTGOING} it also abandons a connection attempt still pending; for a fresh
     * incoming connection it is a refusal.
     */
    record Close(Direction via) implements Action {
    }

    /** The FSM moved; {@code via} is the connection the FSM owns, or null when it owns none. */
    record StateChanged(Direction via, State from, State to) implements Action {
        @Override
        public String toString() {
            return "StateChanged[" + from + " -> " + to + (via == null ? "" : " (" + via + ")") + "]";
        }
    }

    /** The session is up: the layer above may exchange routes as {@code session} negotiated. */
    record Established(Session session) implements Action {
    }

    /**
     * The session or a connection attempt ended. {@code reason} is one human line for the log;
     * {@code notification} is the NOTIFICATION sent or received, null when none was.
     * {@code wasEstablished} tells the layer above to drop what it learnt from the peer.
     */
    record Down(String reason, Notification notification, boolean wasEstablished) implements Action {
        private static final Pattern RESTART_NOTE = Pattern.compile("; restarting in (\\d+) s$");

        /** What the FSM appends to {@code reason} when an automatic restart follows, in {@code seconds}. */
        static String restartNote(long seconds) {
            return "; restarting in " + seconds + " s";
        }

        /** {@code reason} without its restart note: why the session or attempt ended, true for good. */
        public static String cause(String reason) {
            Matcher m = RESTART_NOTE.matcher(reason);
            return m.find() ? reason.substring(0, m.start()) : reason;
        }

        /** The seconds of {@code reason}'s restart note (a countdown from the moment it went down); -1: none. */
        public static long restartSeconds(String reason) {
            Matcher m = RESTART_NOTE.matcher(reason);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }
    }

    /** An UPDATE or ROUTE-REFRESH received in Established, for the layer above. */
    record Deliver(BgpMessage message) implements Action {
    }
}
