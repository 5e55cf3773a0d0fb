package dev.twinbgp.speaker.session;

import dev.twinbgp.bgp.fsm.Direction;
import dev.twinbgp.bgp.fsm.Session;
import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Notification;

/**
 * What happens to a peer, for events, logs and tests. Called on the peer's loop thread: an
 * implementation must return quickly and never block (hand slow work to another thread).
 */
public interface SessionListener {
    SessionListener NONE = new SessionListener() { };

    default void stateChanged(PeerDriver peer, State from, State to) {
    }

    /** A TCP connection to or from the peer is up (before any OPEN). */
    default void connected(PeerDriver peer, Direction via) {
    }

    /**
     * The ConnectRetry timer expired in Connect with our connection attempt still pending (RFC 4271
     * section 8.2.2, Connect state, event 9): that attempt was dropped and a new one started; the FSM
     * stays in Connect, so no {@link #stateChanged} tells of it.
     */
    default void connectRetry(PeerDriver peer) {
    }

    default void established(PeerDriver peer, Session session) {
    }

    /** The session or an attempt ended; {@code notification} is the one sent or received, or null. */
    default void down(PeerDriver peer, String reason, Notification notification, boolean wasEstablished) {
    }

    /**
     * The peer starts again in {@code seconds}, though its last down said nothing of a restart: the API's
     * {@code teardown} (as ExaBGP's) ends the session and starts the neighbor again after its connect retry time.
     */
    default void restartScheduled(PeerDriver peer, long seconds) {
    }

    /** Every message received and accepted by the FSM's state (KEEPALIVEs included). */
    default void received(PeerDriver peer, BgpMessage message) {
    }

    /** Every message we sent, after it was handed to the connection. */
    default void sent(PeerDriver peer, BgpMessage message) {
    }

    /**
     * Whether this listener wants the octets of the messages received from ({@code received}) or sent to
     * {@code peer}: the driver then calls {@link #received(PeerDriver, BgpMessage, byte[])} or
     * {@link #sent(PeerDriver, BgpMessage, byte[])} instead of the two-argument forms. Asked for every message,
     * on the loop thread: keep it cheap. (An API process's {@code packets}.)
     */
    default boolean wantsOctets(PeerDriver peer, boolean received) {
        return false;
    }

    /** {@link #received(PeerDriver, BgpMessage)} with the whole message as received, header included. */
    default void received(PeerDriver peer, BgpMessage message, byte[] octets) {
        received(peer, message);
    }

    /**
     * A message received that does not decode (its NOTIFICATION follows, RFC 4271 section 6), whole, header
     * included; called only while {@link #wantsOctets wantsOctets(peer, true)} (ExaBGP hands a process with
     * {@code packets} the octets before it decodes them).
     */
    default void receivedUndecodable(PeerDriver peer, byte[] octets) {
    }

    /** {@link #sent(PeerDriver, BgpMessage)} with the whole message as sent, header included. */
    default void sent(PeerDriver peer, BgpMessage message, byte[] octets) {
        sent(peer, message);
    }

    /**
     * Receive back-pressure: a buffer this listener fills with what it makes of {@code peer}'s received
     * messages that is {@link Backlog#congested() congested} now, or null. The driver asks after each
     * UPDATE it delivered and stops reading the peer while the answer is not null. Called on the loop
     * thread for every UPDATE received: keep it cheap.
     */
    default Backlog congestion(PeerDriver peer) {
        return null;
    }
}
