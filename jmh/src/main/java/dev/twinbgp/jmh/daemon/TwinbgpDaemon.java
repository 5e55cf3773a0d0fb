package dev.twinbgp.jmh.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinbgp.speaker.api.ControlClient;
import dev.twinbgp.speaker.api.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh {@code twinbgp run} process, started through the {@code ./twinbgp} launcher (so with the JVM
 * settings users get; the launcher {@code exec}s the JVM, so the process is the JVM), passive on the
 * receiver's address and port, with its control socket in its own directory.
 *
 * <p>When it holds the table: not polled. The sender ends its table with End-of-RIB, and twinbgp logs one
 * INFO line when it has applied an End-of-RIB ({@code End-of-RIB received for ipv4 unicast, N routes held});
 * the peer's UPDATEs are applied in order on one loop thread, so that line means every prefix before it is
 * in the Adj-RIB-In. The time is when this process reads that line from twinbgp's stderr (a pipe: well under
 * a millisecond late). With {@code --events FILE}, the transfer ends only when the file also holds the
 * End-of-RIB event, the last of the table's events (written in order by one writer thread). The count is then
 * checked exactly over the control socket ({@code show neighbor json}'s accepted prefixes).
 */
final class TwinbgpDaemon implements Receiver {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Process process;
    private final Path socket;
    private final Path events;
    private final StringBuilder log = new StringBuilder();
    private final AtomicLong endOfRibs = new AtomicLong();
    private volatile long lastEndOfRibAt;
    /** {@code , 1 route held} or {@code , N routes held} (PeerDriver's End-of-RIB line; before 2026-12-06 always "routes"). */
    private static final Pattern HELD = Pattern.compile(", (\\d+) routes? held");
    /** The count of the last End-of-RIB line ({@code N routes held}), 0 again once the session is down. */
    private volatile long heldAtEndOfRib;
    private long mark;
    private long eventsOffset;
    private long eventLines;
    private long eventsEor;

    private TwinbgpDaemon(String name, Process process, Path socket, Path events) {
        this.name = name;
        this.process = process;
        this.socket = socket;
        this.events = events;
    }

    static TwinbgpDaemon start(Path root, String reactor, boolean withEvents, String jvmOptions, Path dir, Endpoint at)
            throws IOException {
        return start(root, reactor, withEvents, jvmOptions, Map.of(), dir, at, "");
    }

    /**
     * {@code env}: added to the launcher's environment ({@code TWINBGP_AOT=off} ...); {@code label}: added to the
     * name (the variants, another build's tree, compared in the same run).
     */
    static TwinbgpDaemon start(Path root, String reactor, boolean withEvents, String jvmOptions, Map<String, String> env,
                               Path dir, Endpoint at, String label) throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("twinbgp.conf");
        Files.writeString(conf, """
                neighbor %s {
                    router-id %s;
                    local-address %s;
                    local-as %d;
                    peer-as %d;
                    hold-time 240;
                    passive true;
                    listen %d;
                    family { ipv4 unicast; }
                }
                """.formatted(at.peerAddress(), at.address(), at.address(), at.asn(), at.peerAsn(), at.port()));
        Path socket = dir.resolve("twinbgp.sock");
        Path events = withEvents ? dir.resolve("events.json") : null;
        List<String> command = new ArrayList<>(List.of(root.resolve("twinbgp").toString(), "run", "--config",
                conf.toString(), "--reactor", reactor, "--control-socket", socket.toString()));
        if (withEvents) {
            command.addAll(List.of("--events", events.toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.log").toFile());
        String extra = (System.getenv().getOrDefault("TWINBGP_DAEMON_JAVA_OPTS", "") + " " + jvmOptions).strip();
        if (!extra.isEmpty()) {
            pb.environment().put("TWINBGP_JAVA_OPTS", extra);
        }
        pb.environment().putAll(env);
        TwinbgpDaemon d = new TwinbgpDaemon("twinbgp " + reactor + (withEvents ? " + events" : "") + label,
                pb.start(), socket, events);
        Thread.ofPlatform().daemon().name("twinbgp-stderr").start(d::readLog);
        try {
            LocalProcess.await(d.name + " answering on its control socket", 120, () -> {
                if (!d.alive()) {
                    throw new LocalProcess.Exited(d.name + " exited: " + d.tail());
                }
                try {
                    return ControlClient.send(socket, "version").ok();
                } catch (IOException e) {
                    return false;
                }
            }, null);
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw new IllegalStateException(e.getMessage() + "; log:\n" + d.tail(), e);
        }
    }

    private void readLog() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                long at = System.nanoTime();
                if (line.contains(" down: ")) {
                    heldAtEndOfRib = 0; // the session's routes are dropped with it (for a tree without prefix counts)
                }
                if (line.contains("End-of-RIB received")) {
                    long held = held(line);
                    if (held >= 0) {
                        heldAtEndOfRib = held;
                    }
                    lastEndOfRibAt = at;
                    endOfRibs.incrementAndGet();
                }
                synchronized (log) {
                    log.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void beforeSend() {
        mark = endOfRibs.get();
    }

    @Override
    public long awaitHeld(long n, long timeoutNanos) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (endOfRibs.get() == mark) {
            if (!alive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": no End-of-RIB" + (alive() ? " in time" : ", it exited") + "; log:\n" + tail());
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
        long at = lastEndOfRibAt;
        if (events != null) {
            at = awaitEventsEor(deadline);
        }
        long h = held();
        if (h != n) {
            throw new IllegalStateException(name + " holds " + h + " prefixes after End-of-RIB, expected " + n);
        }
        return at;
    }

    /**
     * Waits until the events file holds one more End-of-RIB event, then counts the lines the transfer added. The
     * time is taken when the file's last line is that event - the sender's last message, so the last line of the
     * transfer's events - looking at the file's tail only: reading and scanning the whole file inside the timed
     * part (close to 200 MB for 1M diverse routes, on one of the machine's two cores) added the reader's time to
     * the daemon's. The lines are counted afterwards, untimed.
     */
    private long awaitEventsEor(long deadline) throws IOException {
        long wanted = eventsEor + 1;
        byte[] eor = "\"eor\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = new byte[16 * 1024];
        long at;
        while (true) {
            long length = Files.size(events);
            if (length > eventsOffset) {
                int n = (int) Math.min(tail.length, length - eventsOffset);
                try (RandomAccessFile f = new RandomAccessFile(events.toFile(), "r")) {
                    f.seek(length - n);
                    f.readFully(tail, 0, n);
                }
                if (tail[n - 1] == '\n') {
                    int start = n - 1;
                    while (start > 0 && tail[start - 1] != '\n') {
                        start--;
                    }
                    if (contains(tail, start, n - 1, eor)) {
                        at = System.nanoTime();
                        break;
                    }
                }
            }
            if (!alive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": the events file has no End-of-RIB event in time; log:\n" + tail());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        countEvents();
        if (eventsEor < wanted) {
            throw new IllegalStateException(name + ": the events file ends with an End-of-RIB event, but counting found "
                    + (eventsEor + 1 - wanted) + " new ones");
        }
        return at;
    }

    /** Counts the whole lines and End-of-RIB events written since the last count. */
    private void countEvents() throws IOException {
        byte[] buffer = new byte[1 << 20];
        byte[] eor = "\"eor\"".getBytes(StandardCharsets.US_ASCII);
        try (RandomAccessFile f = new RandomAccessFile(events.toFile(), "r")) {
            f.seek(eventsOffset);
            int r;
            // A line is counted once whole; a partial last line is read again next time.
            while ((r = f.read(buffer)) > 0) {
                int lineStart = 0;
                for (int i = 0; i < r; i++) {
                    if (buffer[i] == '\n') {
                        eventLines++;
                        if (contains(buffer, lineStart, i, eor)) {
                            eventsEor++;
                        }
                        lineStart = i + 1;
                    }
                }
                eventsOffset += lineStart;
                f.seek(eventsOffset);
                if (lineStart == 0) {
                    break;
                }
            }
        }
    }

    private static boolean contains(byte[] b, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i + needle.length <= to; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Lines in the events file so far (read by {@link #awaitHeld}). */
    long eventLines() {
        return eventLines;
    }

    @Override
    public long held() {
        try {
            Reply r = ControlClient.send(socket, "show neighbor json");
            JsonNode n = JSON.readTree(r.lines().get(0)).get(0).path("prefixes").path("ipv4 unicast").path("accepted");
            // a build before the prefix counts (a baseline TREE) answers without them: its End-of-RIB line's count
            return n.isMissingNode() ? heldAtEndOfRib : n.asLong(0);
        } catch (IOException e) {
            throw new IllegalStateException(name + ": control socket: " + e.getMessage(), e);
        }
    }

    @Override
    public long pollNanos() {
        return 20_000_000L;
    }

    @Override
    public List<Long> pids() {
        return List.of(process.pid());
    }

    @Override
    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public String tail() {
        synchronized (log) {
            return Receiver.tailOf(log.toString());
        }
    }

    @Override
    public String problems() {
        String text;
        synchronized (log) {
            text = log.toString();
        }
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.contains(" WARN ") || line.contains(" ERROR ")) {
                out.add(line);
            }
        }
        return String.join("\n", out);
    }

    Map<String, Long> eventCounts() {
        return Map.of("lines", eventLines, "eor", eventsEor);
    }

    /**
     * Stops the daemon and deletes its events file: its lines were counted as they came ({@link #awaitHeld}; the
     * count stays in {@link #eventLines}), and each file is ~700 MB for a 1M-route run - a whole benchmark's worth
     * filled /tmp (80 GB). Deleted once the process has ended, so its space is freed then (not held by an open
     * descriptor); a daemon that will not end is killed first.
     */
    @Override
    public void close() {
        Machine.dumpFlightRecording(process.pid());
        process.destroy();
        try {
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (events != null) {
            try {
                Files.deleteIfExists(events);
            } catch (IOException e) {
                System.err.println(name + ": cannot delete the events file " + events + ": " + e.getMessage());
            }
        }
    }

    /** The route count of an End-of-RIB line ({@code ..., 1 route held}, {@code ..., N routes held}), or -1. */
    static long held(String line) {
        Matcher m = HELD.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
