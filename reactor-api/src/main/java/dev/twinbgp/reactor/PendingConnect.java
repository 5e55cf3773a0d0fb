package dev.twinbgp.reactor;

/**
 * An outgoing connection attempt from {@link Reactor#connect}, as long as it is pending: its handler has had
 * neither {@code onOpen} nor {@code onConnectFailed} yet.
 *
 * <p>A protocol gives up an attempt it no longer wants - BGP when its ConnectRetry timer expires in Connect or
 * an operator stops the peer (RFC 4271 section 8.2.2: "drops the TCP connection") - with {@link #cancel()}
 * rather than by ignoring the handler's calls: an ignored attempt stays in SYN-SENT until its timeout and, if it
 * completes meanwhile, the remote side sees a connection that the local side had already abandoned.
 */
@FunctionalInterface
public interface PendingConnect {

    /**
     * Gives the attempt up. Returns true when it was still pending; then:
     * <ul>
     *   <li>no callback follows: neither {@code onOpen} nor {@code onConnectFailed} (nor anything else) reaches
     *       the handler, so a caller that cancels needs no "abandoned" flag of its own;</li>
     *   <li>the socket is closed and never becomes a connection: a handshake still under way is dropped, so the
     *       remote side never sees a connection from it. Called on the attempt's loop, the socket is closed before
     *       {@code cancel()} returns, or - where a selector owns it ({@code java.nio} selectors complete the close
     *       of a registered channel when they next select) - before the loop next waits for I/O; from another
     *       thread, by a task on that loop. Only a handshake the kernel completed before that close reaches the
     *       remote side, which then sees the connection closed at once, without data.</li>
     * </ul>
     * Returns false, and does nothing, when the outcome was already decided: after {@code onOpen} (close the
     * {@link Connection} instead) or {@code onConnectFailed}, or on a second {@code cancel()}. A reactor that
     * closes fails the attempts still pending ({@code onConnectFailed} with an {@link java.io.IOException} saying
     * the reactor closed, on the attempt's loop before it ends - or, when that loop ended without beginning the
     * attempt, from {@code close()} once every loop thread has ended), so cancel then returns false too. Every attempt
     * {@code connect} returned gets that outcome, also one racing {@code close()}; a {@code connect} the closing
     * reactor no longer takes throws instead ({@link Reactor}).
     * May be called from any thread, also before the reactor has begun the connect.
     */
    boolean cancel();
}
