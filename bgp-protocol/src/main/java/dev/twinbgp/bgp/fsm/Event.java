package dev.twinbgp.bgp.fsm;

import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.WireError;

/**
 * What the driver tells the FSM (RFC 4271 section 8.1). Timer events (8.1.3, events 9-13) are not
 * values: the FSM keeps deadlines and the driver calls {@code onTimer(now)} at {@code nextDeadline()}.
 * Connection events name their {@link Direction}; an event for a connection the FSM does not own
 * (for instance a late one from a connection already dropped) is ignored.
 */
public sealed interface Event {

    /** Events 1/3 (ManualStart / AutomaticStart). Passive or active per {@link SessionConfig}. */
    record Start() implements Event {
    }

    /**
     * Event 2 (ManualStop): sends Cease with {@code ceaseSubcode} (normally 2, Administrative
     * Shutdown, RFC 4486) and, when {@code shutdownCommunication} is not null, the RFC 9003 text.
     * No automatic restart follows.
     */
    record Stop(int ceaseSubcode, String shutdownCommunication, boolean beforeRestart) implements Event {
        /** A plain ManualStop: the NOTIFICATION always goes out. */
        public Stop(int ceaseSubcode, String shutdownCommunication) {
            this(ceaseSubcode, shutdownCommunication, false);
        }

        /** Administrative Shutdown (6/2) without a communication. */
        public Stop() {
            this(ErrorCodes.CEASE_ADMIN_SHUTDOWN, null);
        }

        /**
         * The speaker stops because it is going to restart (the process ends: SIGTERM, a reactor
         * switch). When we advertise graceful restart, the connection is closed without the Cease
         * (RFC 4724 section 4, see {@link SessionFsm}), so the peer keeps our routes until we are back.
         */
        public static Stop forRestart() {
            return new Stop(ErrorCodes.CEASE_ADMIN_SHUTDOWN, null, true);
        }
    }

    /** Events 16/17: our outgoing connection attempt succeeded. */
    record TcpConnected() implements Event {
        public Direction direction() {
            return Direction.OUTGOING;
        }
    }

    /** Event 17: the peer connected to us (an incoming connection was accepted). */
    record TcpAccepted() implements Event {
        public Direction direction() {
            return Direction.INCOMING;
        }
    }

    /** Event 18 (TcpConnectionFails): the connection attempt failed, or the connection closed. */
    record TcpFailed(Direction direction, String reason) implements Event {
    }

    /** Events 19-27: a decoded message arrived on a connection. */
    record MessageReceived(Direction direction, BgpMessage message) implements Event {
    }

    /** Events 21, 22 and 28: the bytes on a connection were malformed; we answer with the error's NOTIFICATION. */
    record DecodeFailed(Direction direction, WireError error) implements Event {
    }
}
