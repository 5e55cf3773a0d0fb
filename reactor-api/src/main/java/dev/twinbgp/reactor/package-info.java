/**
 * The protocol-agnostic I/O contract every twinbgp reactor fulfils ({@code selector}, {@code netty}, {@code virtual}).
 *
 * <pre>
 *   Reactor r = Reactors.create("selector", ReactorConfig.defaults());   // or "netty"
 *   Listener l = r.listen(new InetSocketAddress("127.0.0.1", 179), (remote, local) -> handler);
 *   PendingConnect attempt = r.connect(remote, localBindOrNull, handler, Duration.ofSeconds(5));
 *   // attempt.cancel() gives it up while pending: no onOpen/onConnectFailed follows, its socket is closed
 *   // handler.onOpen(conn) ... conn.write(buf) ... handler.onData(conn, bytes) ...
 *   conn.loop().schedule(TimeUnit.SECONDS.toNanos(90), holdTimerExpired);  // one-shot timer
 *   r.close();   // pending connects get onConnectFailed; connect() from now on throws IllegalStateException
 * </pre>
 *
 * Every callback of a connection runs on its {@link dev.twinbgp.reactor.EventLoop}'s thread, so a
 * session driver needs no locks; protocol code reads time only via {@code EventLoop.nanoTime()} and
 * can be tested on a {@link dev.twinbgp.reactor.ManualEventLoop}. Back-pressure:
 * {@link dev.twinbgp.reactor.Connection} documents the water marks and the hard output bound.
 */
package dev.twinbgp.reactor;
