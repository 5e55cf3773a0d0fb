package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.fsm.Action;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.RouteRefresh;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters for {@code show neighbor}: written on the peer's loop thread (by {@link ApiEvents}), read by any
 * command thread, hence atomics. {@code upSince} is a {@link java.time.Clock} millisecond, -1 when down.
 * {@link #prefixes} counts, per family, the NLRI announced in the UPDATEs received and sent since the session
 * last came up (an announcement counts each time it is made); what the Adj-RIB-In holds (accepted) is asked
 * of the RIB on the loop, see {@link NeighborReport}.
 */
final class PeerStats {
    final AtomicLong updatesSent = new AtomicLong();
    final AtomicLong updatesReceived = new AtomicLong();
    final AtomicLong upSince = new AtomicLong(-1);
    /**
     * Since when the session is down (a {@link java.time.Clock} millisecond): when the neighbor was started, then
     * each time an established session went down. Failed attempts in between do not move it: the neighbor has
     * been down since its session was last up, as {@code show neighbor}'s "down for" tells.
     */
    final AtomicLong downSince;
    /** Why the session (or attempt) last ended, and when its automatic restart is due; null until then. */
    volatile LastDown lastDown;
    final Map<Family, FamilyCounts> prefixes = new ConcurrentHashMap<>();
    /**
     * Messages other than UPDATE sent and received since the neighbor started, by ExaBGP's names (its
     * {@code show neighbor json} "messages"): [0] open, [1] notification, [2] keepalive, [3] refresh.
     */
    final AtomicLongArray otherSent = new AtomicLongArray(4);
    final AtomicLongArray otherReceived = new AtomicLongArray(4);
    /** The last OPEN sent (kept: what this side offers), and the peer's OPEN of the session (null when down). */
    volatile Open sentOpen;
    volatile Open receivedOpen;

    PeerStats(long startedMillis) {
        downSince = new AtomicLong(startedMillis);
    }

    /**
     * {@code cause}: the down reason without the FSM's "; restarting in N s" note, which is a countdown from
     * {@code atMillis}: kept as the instant {@code restartAtMillis} (-1: no restart follows), so that what
     * {@code show neighbor} prints is never stale - no countdown once the restart has come.
     */
    record LastDown(String cause, long restartAtMillis) {
        static LastDown of(String reason, long atMillis) {
            String r = reason == null ? "" : reason;
            long seconds = Action.Down.restartSeconds(r);
            return new LastDown(Action.Down.cause(r), seconds < 0 ? -1 : atMillis + seconds * 1000);
        }

        /** Whole seconds (rounded up) until the restart at {@code nowMillis}, or -1 when none is to come. */
        long restartInSeconds(long nowMillis) {
            return restartAtMillis < 0 || nowMillis >= restartAtMillis ? -1 : (restartAtMillis - nowMillis + 999) / 1000;
        }
    }

    /** Prefixes announced in UPDATEs of one family, received and sent. */
    static final class FamilyCounts {
        final AtomicLong received = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
    }

    FamilyCounts family(Family f) {
        return prefixes.computeIfAbsent(f, k -> new FamilyCounts());
    }

    /** Counts the NLRI {@code update} announces (IPv4 NLRI field and MP_REACH_NLRI), by family. */
    void count(Update update, boolean received) {
        // the two blocks of Update.announced(), without its list: called for every UPDATE received and sent
        // (issue 18: the list and its iterator were ~6 % of the loop's allocation for a 1M-route diverse table)
        count(update.nlri(), received);
        Attribute.MpReach reach = update.mpReach().orElse(null);
        if (reach != null) {
            count(reach.nlri(), received);
        }
    }

    private void count(Nlri nlri, boolean received) {
        if (!nlri.isEmpty()) {
            FamilyCounts c = family(nlri.family());
            (received ? c.received : c.sent).addAndGet(nlri.size());
        }
    }

    /** The session went down at {@code millis}; {@code wasEstablished}: it had been up (else an attempt failed). */
    void sessionDown(long millis, boolean wasEstablished) {
        receivedOpen = null; // as ExaBGP: no session, no peer side
        if (wasEstablished || upSince.get() >= 0) {
            downSince.set(millis);
        }
        upSince.set(-1);
    }

    /** Counts a message other than UPDATE and keeps an OPEN. */
    void other(BgpMessage message, boolean received) {
        int i;
        switch (message) {
            case Open o -> {
                i = 0;
                if (received) {
                    receivedOpen = o;
                } else {
                    sentOpen = o;
                }
            }
            case Notification n -> i = 1;
            case Keepalive k -> i = 2;
            case RouteRefresh r -> i = 3;
            default -> {
                return; // UPDATE is counted by the caller; OPERATIONAL is not in ExaBGP's table
            }
        }
        (received ? otherReceived : otherSent).incrementAndGet(i);
    }

    /** A new session: the per-session prefix counts start again. */
    void sessionUp(long millis) {
        prefixes.clear();
        upSince.set(millis);
    }
}
