package dev.twinbgp.speaker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.twinbgp.reactor.Connection;
import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.EventLoop;
import dev.twinbgp.reactor.Reactor;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.reactor.Reactors;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * A peer that connects while the daemon shuts down: its Start (or a ConnectRetry step) runs on the loop after
 * the reactor's close() began, so the reactor refuses the connect ({@code IllegalStateException("reactor
 * closed")}, the reactor contract). {@code PeerDriver} takes that as the shutdown it is: one debug line, no
 * warning, no stack trace, nothing thrown out of the loop task.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectWhileReactorClosesTest {

    @ParameterizedTest
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void aConnectRefusedByAClosingReactorLogsNoStackTrace(String reactorName) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, loopback)) {
            port = s.getLocalPort();
        }
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger driverLog = (Logger) LoggerFactory.getLogger(PeerDriver.class);
        Level driverLevel = driverLog.getLevel();
        root.addAppender(logged);
        driverLog.setLevel(Level.DEBUG);
        Reactor reactor = Reactors.create(reactorName, ReactorConfig.defaults().withLoopThreads(1));
        try {
            EventLoop loop = reactor.nextLoop();
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            loop.execute(() -> {
                busy.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS); // holds the loop while close() begins
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(busy.await(30, TimeUnit.SECONDS));
            PeerSettings settings = new PeerSettings(TestRoutes.address("127.0.0.1"), port, TestRoutes.address("127.0.0.1"), port,
                    TestRoutes.session(65001, 65002, "127.0.0.1").active(true).passive(false).build(), false, false, List.of());
            RecordingListener events = new RecordingListener();
            PeerDriver driver = new PeerDriver(settings, reactor, loop, events);
            driver.start(); // queued behind the busy task: it runs once close() has begun

            Thread closer = Thread.ofPlatform().name("closer").start(reactor::close);
            awaitClosing(reactor, loopback, loop);
            release.countDown();
            closer.join(TimeUnit.SECONDS.toMillis(30));

            assertEquals(List.of("127.0.0.1 Idle -> Connect"), events.states, "Start ran, and with it the connect");
            List<ILoggingEvent> troubles = logged.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null).toList();
            assertEquals(List.of(), troubles.stream().map(ILoggingEvent::getFormattedMessage).toList());
            assertTrue(logged.list.stream().anyMatch(e -> e.getFormattedMessage().contains("not connecting: reactor closed")),
                    () -> logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList().toString());
        } finally {
            reactor.close();
            root.detachAppender(logged);
            driverLog.setLevel(driverLevel);
        }
    }

    /**
     * Until close() has begun: the reactor then refuses to connect. (Not listen: Netty's waits for its bind on a loop,
     * maybe the held one.) A probe made before that is queued behind the held task and failed by the close.
     */
    private static void awaitClosing(Reactor reactor, InetAddress loopback, EventLoop loop) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        ConnectionHandler probe = new ConnectionHandler() {
            @Override
            public void onData(Connection connection, ByteBuffer data) {
                data.position(data.limit());
            }

            @Override
            public void onClose(Connection connection, Throwable cause) {
            }
        };
        while (System.nanoTime() < deadline) {
            try {
                reactor.connect(loop, new InetSocketAddress(loopback, 9), null, probe, Duration.ofSeconds(1));
            } catch (IllegalStateException closed) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("close() never began");
    }
}
