/**
 * The BGP session: RFC 4271 section 8 finite state machine, OPEN checks and capability
 * negotiation, connection collision detection. Pure code: no sockets, no threads, no clock reads.
 *
 * <h2>Driver contract</h2>
 * A driver (outside this module) owns the sockets of one peer and a {@link dev.twinbgp.bgp.fsm.Peer}:
 * <ol>
 *   <li>Feed it {@link dev.twinbgp.bgp.fsm.Event}s with the current monotonic time in nanoseconds:
 *       {@code Start}/{@code Stop} from configuration or the API, {@code TcpConnected},
 *       {@code TcpAccepted}, {@code TcpFailed} from the reactor, {@code MessageReceived} and
 *       {@code DecodeFailed} from the codec.</li>
 *   <li>Carry out the returned {@link dev.twinbgp.bgp.fsm.Action}s in order: {@code Connect},
 *       {@code Send} (encode and decode with {@code session().negotiated()} from OpenConfirm on, before
 *       with {@code Negotiated.DEFAULT}), {@code Close} (after flushing), log {@code StateChanged} and
 *       {@code Down.reason()}, hand {@code Established} and {@code Deliver} to the layer above.</li>
 *   <li>After each call, arm one wakeup at {@code nextDeadline()} ({@code Long.MAX_VALUE}: none)
 *       and call {@code onTimer(now)} when it fires (early or spurious calls are harmless).</li>
 *   <li>Hot path: for a received UPDATE call {@code onUpdateReceived(via, now)}; an empty result
 *       means "accepted, deliver it yourself" (no allocation). Call {@code onUpdateSent(now)}
 *       after writing an UPDATE so that KEEPALIVEs are sent only when nothing else was.</li>
 * </ol>
 * Connections are named by {@link dev.twinbgp.bgp.fsm.Direction}: one outgoing and one incoming
 * at most; a further connection in a direction already held is refused by the driver itself.
 */
package dev.twinbgp.bgp.fsm;
