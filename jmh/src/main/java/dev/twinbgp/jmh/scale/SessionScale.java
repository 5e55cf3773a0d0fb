package dev.twinbgp.jmh.scale;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.jmh.transfer.FullTableTransfer;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.FreePort;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One session-scale run: the speaker under test (this JVM, one loop thread, one passive peer per
 * session) and the BGP clients in a child JVM ({@link ClientProcess}), each session on its own
 * pair of loopback addresses ({@link ScalePlan}).
 *
 * <p>{@link #prepare} starts the speaker and takes the heap baseline (configured and listening, no
 * session); {@link #establish} lets every client connect at once and returns when the speaker has
 * them all Established (else throws); {@link #measure} takes the heap per session and the CPU of
 * an idle window, then checks every session is still up; {@link #close} stops the clients'
 * sessions, then the speaker.
 */
public final class SessionScale implements AutoCloseable {
    private final int sessions;
    private final ScaleListener events;
    private final BgpSpeaker speaker;
    private final ClientProcess clients;
    private final int port;
    private boolean clientsStarted;
    private long heapBefore;
    private long directBefore;

    private SessionScale(int sessions, ScaleListener events, BgpSpeaker speaker, ClientProcess clients, int port) {
        this.sessions = sessions;
        this.events = events;
        this.speaker = speaker;
        this.clients = clients;
        this.port = port;
    }

    /**
     * Starts the speaker under test on {@code reactor}, with one passive peer per session of
     * {@code clients} (started, idle, by the caller) and hold time {@code holdTime} s, and takes
     * the heap baseline. The clients connect in {@link #establish}.
     */
    public static SessionScale prepare(String reactor, int holdTime, ClientProcess clients) throws IOException {
        int sessions = clients.sessions();
        List<InetAddress> addresses = ScalePlan.speakers(sessions);
        int port = FreePort.on(addresses.toArray(InetAddress[]::new));
        List<PeerSettings> peers = new ArrayList<>(sessions);
        for (int i = 0; i < sessions; i++) {
            InetAddress self = addresses.get(i);
            // One BGP identifier for the speaker (its first address), as a real speaker has.
            peers.add(new PeerSettings(ScalePlan.client(i), port, self, port,
                    ScalePlan.session(ScalePlan.SPEAKER_AS, ScalePlan.CLIENT_AS, addresses.get(0), holdTime)
                            .passive(true).active(false).build(), true, false, List.of()));
        }
        ScaleListener events = new ScaleListener(sessions);
        SessionScale run = new SessionScale(sessions, events,
                BgpSpeaker.start(reactor, ReactorConfig.defaults(), peers, events), clients, port);
        run.heapBefore = FullTableTransfer.usedHeapAfterGc();
        run.directBefore = directBytes();
        return run;
    }

    /**
     * Lets every client connect; returns when all sessions are Established on the speaker.
     *
     * @throws IllegalStateException on timeout or when an established session went down
     */
    public void establish(long timeout, TimeUnit unit) throws IOException, InterruptedException {
        clientsStarted = true;
        clients.go(port);
        if (!events.allEstablished.await(timeout, unit)) {
            throw new IllegalStateException(events.established() + " of " + sessions + " sessions Established after "
                    + timeout + " " + unit + "; " + problems());
        }
        checkNoneDown();
    }

    /**
     * Heap per session (after full GCs), then the CPU of the speaker over {@code idle} with every
     * session up and only keepalives flowing; checks afterwards that no session went down.
     */
    public ScaleResult measure(Duration idle) throws InterruptedException {
        long heapAfter = FullTableTransfer.usedHeapAfterGc();
        long directAfter = directBytes();
        Set<Thread> loopThreads = loopThreads();
        Set<Long> cpuThreads = cpuThreadIds(loopThreads);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<Long, Long> loopCpu0 = cpu(threads, cpuThreads);
        long processCpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(idle.toMillis());
        long loopCpu = cpuSince(threads, loopCpu0);
        long processCpu = os.getProcessCpuTime() - processCpu0;
        long window = System.nanoTime() - t0;
        checkNoneDown();
        for (PeerDriver p : speaker.peers()) {
            if (p.state() != State.ESTABLISHED) {
                throw new IllegalStateException("peer " + p.name() + " is " + p.state() + " after the idle window");
            }
        }
        return new ScaleResult(sessions, events.firstConnectToAllEstablishedNanos(),
                (heapAfter - heapBefore) / (double) sessions, (directAfter - directBefore) / (double) sessions,
                window, loopCpu, processCpu, loopThreads.size(), events.failedAttempts());
    }

    /**
     * Direct buffer memory the JDK tracks (its "direct" pool): NIO buffers the selector reactor
     * allocates. Netty's pooled allocator may allocate direct memory the JDK does not see here.
     */
    private static long directBytes() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getMemoryUsed();
            }
        }
        return 0;
    }

    private Set<Thread> loopThreads() {
        Set<Thread> loops = new LinkedHashSet<>();
        try {
            for (PeerDriver p : speaker.peers()) {
                loops.add(p.query(Thread::currentThread).get(30, TimeUnit.SECONDS));
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach the speaker's loops: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return loops;
    }

    /**
     * The platform threads whose CPU time is the loops' cost: the loop threads themselves, or, for
     * a loop on a virtual thread (which ThreadMXBean does not time), the virtual-thread scheduler's
     * carrier threads and the JDK's I/O poller threads. Those also run the sessions' reader and
     * writer threads - which is the virtual reactor's I/O cost, as the selector's is in its loop
     * thread. (No other virtual threads run in this JVM: the clients are another process.)
     */
    private static Set<Long> cpuThreadIds(Set<Thread> loops) {
        Set<Long> ids = new LinkedHashSet<>();
        boolean virtual = false;
        for (Thread t : loops) {
            if (t.isVirtual()) {
                virtual = true;
            } else {
                ids.add(t.threadId());
            }
        }
        if (virtual) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getClass().getName().equals("jdk.internal.misc.CarrierThread") || t.getName().contains("Poller")) {
                    ids.add(t.threadId());
                }
            }
        }
        return ids;
    }

    private static Map<Long, Long> cpu(ThreadMXBean threads, Set<Long> ids) {
        Map<Long, Long> out = new LinkedHashMap<>();
        for (long id : ids) {
            long t = threads.getThreadCpuTime(id);
            if (t < 0) {
                throw new IllegalStateException("no CPU time for loop thread " + id + " (ended, or unsupported)");
            }
            out.put(id, t);
        }
        return out;
    }

    /**
     * CPU since {@code before}, summed. A carrier thread the scheduler retired meanwhile (idle carriers
     * end after a while) counts nothing for the window: an idle carrier had little to count.
     */
    private static long cpuSince(ThreadMXBean threads, Map<Long, Long> before) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : before.entrySet()) {
            long t = threads.getThreadCpuTime(e.getKey());
            if (t >= 0) {
                sum += t - e.getValue();
            }
        }
        return sum;
    }

    private void checkNoneDown() {
        if (events.drops() > 0) {
            throw new IllegalStateException(events.drops() + " session(s) went down, first " + events.firstDown()
                    + "; " + problems());
        }
    }

    private String problems() {
        return events.failedAttempts() + " failed attempts; clients " + (clients.alive() ? "running" : "exited")
                + ", their output: " + clients.tail();
    }

    /** Stops the clients' sessions (the process stays for the next run), then the speaker. */
    @Override
    public void close() {
        try {
            if (clientsStarted) {
                clientsStarted = false;
                clients.stop();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot stop the clients: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            speaker.close();
        }
    }
}
