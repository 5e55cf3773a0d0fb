package dev.twinbgp.speaker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.parity.TcpTable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connect that hangs (the SYN is never answered) and the ConnectRetry timer (RFC 4271 section 8.2.2,
 * Connect state, event 9 ConnectRetryTimer_Expires: drop the TCP attempt, restart the timer, connect again,
 * stay in Connect). On loopback a connect hangs when the listener's accept queue is full: Linux then drops
 * further SYNs (with tcp_abort_on_overflow 0). The queue is filled by throw-away connections that the
 * listener never accepts. Real sockets; pending connects are seen in the kernel's table ({@link TcpTable}).
 *
 * <p>What it pins down: the FSM's event 9 comes before the reactor's own connect timeout ({@code PeerDriver} gives
 * the reactor a timeout equal to the ConnectRetry time, scheduled after the FSM's deadline) - a reactor timeout
 * first would show as a {@code down} and a pass through Idle - and {@code PeerDriver} then cancels the abandoned
 * attempt ({@code PendingConnect.cancel()}): its socket is closed before the next attempt starts, so never more
 * than two attempts are pending at once (two only for the instant a selector takes to complete the close), and
 * no abandoned attempt connects.
 */
abstract class AbstractConnectRetryTest {
    private static final String PEER = "127.0.0.1";
    private static final String SPEAKER = "127.0.0.1";

    abstract String reactor();

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
    }

    @Test
    void aHangingConnectIsAbandonedAtConnectRetryAndANewOneStarted() throws Exception {
        assumeTrue(TcpTable.available(), "needs Linux /proc/net/tcp");
        assumeTrue("0".equals(Files.readString(Path.of("/proc/sys/net/ipv4/tcp_abort_on_overflow")).trim()),
                "a full accept queue must drop SYNs, not reset them");
        InetAddress loopback = InetAddress.getByName(PEER);
        ServerSocket listener = new ServerSocket();
        closeables.add(listener);
        listener.bind(new InetSocketAddress(loopback, 0), 1);
        int port = listener.getLocalPort();
        // Fill the accept queue: these connects complete in the kernel, nobody accepts them.
        Set<Integer> clogPorts = new TreeSet<>();
        for (int i = 0; i < 4; i++) {
            Socket clog = new Socket();
            closeables.add(clog);
            try {
                clog.connect(new InetSocketAddress(loopback, port), 300);
                clogPorts.add(clog.getLocalPort());
            } catch (java.net.SocketTimeoutException full) {
                break; // this one hangs: the queue is full
            }
        }

        RecordingListener events = new RecordingListener();
        PeerSettings settings = new PeerSettings(TestRoutes.address(PEER), port, TestRoutes.address(SPEAKER), port,
                TestRoutes.session(65001, 65002, SPEAKER).connectRetryTime(1).active(true).passive(false).build(),
                false, false, List.of());
        BgpSpeaker speaker = BgpSpeaker.start(reactor(), ReactorConfig.defaults(), List.of(settings), events);
        closeables.add(speaker);
        PeerDriver driver = speaker.peer(PEER);

        // Attempts are told apart by their local port. Three distinct ones: the first two were abandoned.
        Set<Integer> attempts = new TreeSet<>();
        List<Integer> concurrent = new ArrayList<>();
        Await.until("three connect attempts", Duration.ofSeconds(30), () -> {
            Set<Integer> now = TcpTable.synSentTo(port);
            now.removeAll(clogPorts);
            attempts.addAll(now);
            concurrent.add(now.size());
            return attempts.size() >= 3;
        }, () -> "; attempts " + attempts);
        assertEquals(List.of("127.0.0.1 Idle -> Connect"), events.states, "the FSM stays in Connect");
        assertEquals(List.of(), events.downs, "no attempt failed by a reactor timeout");
        assertTrue(concurrent.stream().allMatch(n -> n <= 2), () -> "abandoned attempts are closed: " + concurrent);
        Await.until("the speaker reports the expiries", () -> events.connectRetries.get() >= 2);
        assertEquals(0, events.connected.get(), "no attempt connected");

        // Free the port: accept (and drop) the throw-away connections; the pending attempt gets through.
        Await.until("only the current attempt pending", Duration.ofSeconds(30),
                () -> { Set<Integer> now = TcpTable.synSentTo(port); now.removeAll(clogPorts); return now.size() == 1; },
                () -> "");
        listener.setSoTimeout(30_000);
        Socket accepted;
        while (true) {
            accepted = listener.accept();
            closeables.add(accepted);
            if (!clogPorts.contains(accepted.getPort())) {
                break;
            }
        }
        Await.until("the speaker in OpenSent", () -> driver.state() == State.OPEN_SENT);
        assertEquals(List.of(), events.downs);
        assertEquals(1, events.connected.get(), "only the last attempt connected (no late completion of an abandoned one)");
        Await.until("no attempt left pending", () -> TcpTable.synSentTo(port).isEmpty());
    }
}
