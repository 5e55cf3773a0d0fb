package dev.twinbgp.parity;

import dev.twinbgp.bgp.wire.Decoded;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.capability.Negotiation;
import dev.twinbgp.bgp.wire.Open;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The other end of a scenario: plays a script on plain blocking {@code java.net} sockets on a thread of its
 * own, so it shares no code path with either reactor. It judges what the speaker sends by content, never by
 * timing: every {@code expect} reads until the wanted message (KEEPALIVEs, whose number depends on timers,
 * are skipped) or until its timeout, which only bounds a failing run.
 *
 * <p>The first failure ends the script; {@link #failure()} says which line and why.
 */
final class ScriptedPeer {
    /** How often {@code drain} and a long checkpoint send a KEEPALIVE of ours. */
    private static final long KEEPALIVE_EVERY_MILLIS = 300;
    private static final long TIMEOUT_REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private final Scenario scenario;
    private final PeerPort server;
    private final InetSocketAddress speaker;
    private final SpeakerControl control;
    private final List<String> seen = new ArrayList<>();
    /** The script's connections by number ({@code conn N}; 1 without it). */
    private final Connection[] connections = new Connection[ScenarioParser.MAX_CONNECTIONS + 1];
    /** The connection the current step plays on. */
    private Connection current;
    /** Whole messages written on every connection: what the speaker must have taken in before an API step. */
    private int messagesSent;
    private volatile String failure;

    /**
     * One TCP connection of the script and what the peer knows about it. Only the script's thread touches it.
     */
    private static final class Connection {
        private Socket socket;
        private DataInputStream in;
        private OutputStream out;
        private boolean writeFailed;
        private Open sentOpen;
        private Open receivedOpen;
        /** The read deadline the socket's timeout was last set for, and when (see {@code readFully}). */
        private long timeoutDeadline;
        private long timeoutSetAt;
    }

    /**
     * @param server  where the speaker connects to us ({@code accept})
     * @param speaker where we connect to the speaker ({@code connect})
     */
    ScriptedPeer(Scenario scenario, PeerPort server, InetSocketAddress speaker, SpeakerControl control) {
        this.scenario = scenario;
        this.server = server;
        this.speaker = speaker;
        this.control = control;
        for (int i = 1; i < connections.length; i++) {
            connections[i] = new Connection();
        }
        this.current = connections[1];
    }

    /** Null when every step passed, else {@code line N: what went wrong}. */
    String failure() {
        return failure;
    }

    /** Plays the script on a new thread; the thread ends after the last step or the first failure. */
    Thread start() {
        Thread t = new Thread(this::run, "parity-peer-" + scenario.name());
        t.setDaemon(true);
        t.start();
        return t;
    }

    void run() {
        try {
            for (Step step : scenario.steps()) {
                String problem = play(step);
                if (problem != null) {
                    failure = "line " + step.line() + ": " + problem;
                    return;
                }
            }
        } catch (IOException e) {
            failure = "peer: " + e;
        } catch (InterruptedException e) {
            failure = "peer interrupted";
            Thread.currentThread().interrupt();
        } finally {
            for (int i = 1; i < connections.length; i++) {
                closeQuietly(connections[i]);
            }
        }
    }

    private String play(Step step) throws IOException, InterruptedException {
        return switch (step) {
            case Step.Refuse r -> {
                if (!control.failedAttempts(r.attempts(), 15)) {
                    yield "the speaker did not fail " + r.attempts() + " connection attempt(s) within 15 s";
                }
                server.listen();
                yield null;
            }
            case Step.Hang h -> {
                // Watch the speaker's attempts (pending connects in the kernel's table) while its ConnectRetry
                // timer runs: each expiry drops one and starts the next.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos((long) h.expiries() * control.connectRetrySeconds() + 15);
                while (control.connectRetries() < h.expiries()) {
                    if (System.nanoTime() >= deadline) {
                        yield "the speaker's ConnectRetry timer did not expire " + h.expiries() + " time(s)";
                    }
                    server.observeAttempts();
                    Thread.sleep(2);
                }
                if (!server.release(h.expiries() + 1)) {
                    yield "the speaker did not have exactly its newest attempt pending (attempts seen: "
                            + server.attemptsSeen() + ")";
                }
                yield null;
            }
            case Step.HangHeld h -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (server.observeAttempts().isEmpty()) {
                    if (System.nanoTime() >= deadline) {
                        yield "the speaker had no connection attempt pending within 15 s";
                    }
                    Thread.sleep(2);
                }
                yield null;
            }
            case Step.Release r -> {
                control.settled(); // what the script asked before (an API command, a stop) has run on the loop
                server.unclog();
                yield null;
            }
            case Step.Accept a -> {
                server.server().setSoTimeout(15_000);
                try {
                    attach(server.server().accept());
                } catch (SocketTimeoutException e) {
                    yield "the speaker did not connect within 15 s";
                }
                yield null;
            }
            case Step.Connect c -> {
                Socket s = new Socket();
                s.connect(speaker, 5_000);
                attach(s);
                yield null;
            }
            case Step.Send s -> send(s);
            case Step.Expect e -> expect(e);
            case Step.ExpectClose c -> expectClose(c);
            case Step.ExpectDropped d -> expectDropped(d);
            case Step.Pause p -> {
                Thread.sleep(p.millis());
                yield null;
            }
            case Step.Drain d -> drain(d);
            case Step.Close c -> {
                closeQuietly(current);
                yield null;
            }
            case Step.Reset r -> {
                resetQuietly(current);
                yield null;
            }
            case Step.Api a -> {
                try {
                    control.api(a.command(), messagesSent);
                } catch (ScenarioException e) {
                    yield "api: " + e.getMessage();
                }
                yield null;
            }
            case Step.TraceExpect t -> null; // checked on the trace after the run
            case Step.Checkpoint c -> {
                int sent = messagesSent;
                whileKeepingAlive(() -> control.checkpoint(c.name(), sent));
                yield null;
            }
            case Step.Stop st -> {
                control.stop(st.subcode(), st.text(), messagesSent);
                yield null;
            }
            case Step.AnnounceTable t -> {
                try {
                    control.announceTable(t.routes(), messagesSent);
                } catch (ScenarioException e) {
                    yield "announce-table: " + e.getMessage();
                }
                yield null;
            }
            case Step.ExpectTable t -> expectTable(t);
            case Step.ExpectEorQueued q -> {
                // Progress, not a clock: poll the speaker's trace; the timeout only bounds a failing run.
                // A KEEPALIVE of ours every 300 ms meanwhile (as drain sends), so encoding a big table never
                // outlasts a short hold time; we still read nothing.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(q.timeoutSeconds());
                long nextKeepalive = System.nanoTime();
                while (control.heldBack()) {
                    if (System.nanoTime() > deadline) {
                        yield "expect eor-queued: no End-of-RIB sent within " + q.timeoutSeconds() + " s";
                    }
                    if (System.nanoTime() >= nextKeepalive) {
                        keepalive();
                        nextKeepalive = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                    }
                    Thread.sleep(20);
                }
                yield null;
            }
            case Step.ExpectOverHighWater w -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(w.timeoutSeconds());
                long nextKeepalive = System.nanoTime();
                while (control.maxPendingOutput() <= w.highWater()) {
                    if (System.nanoTime() > deadline) {
                        yield "expect over-high-water: the speaker's pending output stayed at or under " + w.highWater()
                                + " bytes for " + w.timeoutSeconds() + " s";
                    }
                    if (System.nanoTime() >= nextKeepalive) {
                        keepalive();
                        nextKeepalive = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                    }
                    Thread.sleep(20);
                }
                yield null;
            }
            case Step.ExpectHeldBack h -> control.heldBack() ? null
                    : "expect held-back: the speaker has already sent its whole table and End-of-RIB";
            case Step.Mark m -> {
                control.mark(m.name(), messagesSent);
                yield null;
            }
            case Step.LoopBusy b -> {
                control.busyLoop(b.millis());
                yield null;
            }
            case Step.EventsStall s -> {
                control.stallEvents();
                yield null;
            }
            case Step.EventsDrain d -> {
                control.drainEvents();
                yield null;
            }
            case Step.ExpectEventsHeld h -> {
                // Progress, not a clock: the timeout only bounds a failing run.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(h.timeoutSeconds());
                while (control.eventsWaiting() < TraceRecorder.EVENTS_HIGH) {
                    if (System.nanoTime() > deadline) {
                        yield "expect events-held: the speaker's event queue held " + control.eventsWaiting()
                                + " line(s), under its high-water mark " + TraceRecorder.EVENTS_HIGH + ", for " + h.timeoutSeconds() + " s";
                    }
                    Thread.sleep(20);
                }
                yield null;
            }
            case Step.OnConnection o -> {
                current = connections[o.conn()];
                try {
                    yield play(o.step());
                } finally {
                    current = connections[1];
                }
            }
        };
    }

    /** The new socket of the current connection; its previous one, if any, is closed first. */
    private void attach(Socket s) throws IOException {
        Connection c = current;
        closeQuietly(c); // one connection's sockets follow one another; other connections are untouched
        c.writeFailed = false;
        c.sentOpen = null;
        c.receivedOpen = null;
        c.socket = s;
        s.setTcpNoDelay(true);
        // Buffered: a big table is 200,000 messages, two reads each; unbuffered that is a system call per read.
        c.in = new DataInputStream(new java.io.BufferedInputStream(s.getInputStream(), 1 << 16));
        c.out = s.getOutputStream();
    }

    private String send(Step.Send s) throws InterruptedException {
        Connection c = current;
        if (c.socket == null) {
            return "send before accept/connect";
        }
        if (s.bytes().length > 18 && s.bytes()[18] == 1 && s.what().equals("open")) {
            if (MessageDecoder.decode(s.bytes(), Negotiated.DEFAULT) instanceof Decoded.Ok(Open o)) {
                c.sentOpen = o;
            }
        }
        if (c.writeFailed) {
            return null; // the speaker closed on us; the next expect says whether that was right
        }
        byte[] b = s.bytes();
        int step = s.fragment() == 0 ? b.length : s.fragment();
        try {
            for (int off = 0; off < b.length; off += step) {
                if (off > 0 && s.delayMillis() > 0) {
                    Thread.sleep(s.delayMillis());
                }
                c.out.write(b, off, Math.min(step, b.length - off));
                c.out.flush();
            }
        } catch (IOException e) {
            c.writeFailed = true;
        }
        messagesSent += wholeMessages(b);
        if (s.closeAfter()) {
            closeQuietly(c);
        }
        return null;
    }

    /** Sends one KEEPALIVE (counted like every message we send), unless the connection already failed. */
    private void keepalive() {
        Connection c = current;
        if (c.writeFailed || c.out == null) {
            return;
        }
        try {
            c.out.write(WireText.KEEPALIVE);
            c.out.flush();
            messagesSent++;
        } catch (IOException e) {
            c.writeFailed = true;
        }
    }

    /**
     * Runs {@code work} (a checkpoint: it waits for the speaker to catch up, which may take seconds for a
     * big burst on a loaded machine) while sending KEEPALIVEs, so a hold time of 3 s never
     * expires because the script is busy.
     */
    private void whileKeepingAlive(Runnable work) throws InterruptedException {
        Thread worker = new Thread(work, Thread.currentThread().getName() + "-checkpoint");
        worker.setDaemon(true);
        worker.start();
        worker.join(KEEPALIVE_EVERY_MILLIS);
        while (worker.isAlive()) {
            keepalive();
            worker.join(KEEPALIVE_EVERY_MILLIS);
        }
    }

    /** How many whole messages (by their Length fields) {@code b} holds, up to the first impossible length. */
    private static int wholeMessages(byte[] b) {
        int count = 0;
        int off = 0;
        while (off + WireText.HEADER <= b.length) {
            int length = ((b[off + 16] & 0xFF) << 8) | (b[off + 17] & 0xFF);
            if (length < WireText.HEADER || off + length > b.length) {
                break;
            }
            count++;
            off += length;
        }
        return count;
    }

    private String expect(Step.Expect e) throws IOException {
        if (current.in == null) {
            return e.description() + ": not connected";
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(e.timeoutSeconds());
        while (true) {
            byte[] m;
            try {
                m = read(deadline);
            } catch (SocketTimeoutException t) {
                return e.description() + ": nothing matching within " + e.timeoutSeconds() + " s; received " + seen;
            }
            if (m == null) {
                return e.description() + ": the speaker closed the connection; received " + seen;
            }
            String text = text(m);
            if (m[18] == 4 && !e.keepalive()) {
                continue;
            }
            seen.add(text);
            if (e.pattern().matcher(text).find()) {
                return null;
            }
            return e.description() + ": got " + text;
        }
    }

    /** Counts the prefixes of the UPDATEs that come until an End-of-RIB; see {@link Step.ExpectTable}. */
    private String expectTable(Step.ExpectTable t) throws IOException {
        if (current.in == null) {
            return "expect table: not connected";
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(t.timeoutSeconds());
        long prefixes = 0;
        int updates = 0;
        while (true) {
            byte[] m;
            try {
                m = read(deadline);
            } catch (SocketTimeoutException e) {
                return "expect table: no End-of-RIB within " + t.timeoutSeconds() + " s; " + prefixes + " prefixes in "
                        + updates + " UPDATEs so far";
            }
            if (m == null) {
                return "expect table: the speaker closed the connection after " + prefixes + " prefixes";
            }
            if (m[18] == 4) {
                continue;
            }
            if (!(MessageDecoder.decode(m, negotiated()) instanceof Decoded.Ok(dev.twinbgp.bgp.wire.Update u))) {
                return "expect table: got " + text(m);
            }
            if (u.isEndOfRib()) {
                if (prefixes != t.prefixes()) {
                    return "expect table: End-of-RIB after " + prefixes + " prefixes, expected " + t.prefixes();
                }
                control.note("peer received " + prefixes + " prefixes in " + updates + " UPDATEs, then "
                        + text(m).replace("Update[", "").replace("]", ""));
                return null;
            }
            updates++;
            prefixes += u.announced().stream().mapToInt(dev.twinbgp.bgp.wire.family.Nlri::size).sum();
        }
    }

    /** Reads until the speaker drops the connection (EOF or reset); UPDATEs and KEEPALIVEs may come first. */
    private String expectDropped(Step.ExpectDropped d) throws IOException {
        if (current.in == null) {
            return null;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(d.timeoutSeconds());
        while (true) {
            byte[] m;
            try {
                m = read(deadline);
            } catch (SocketTimeoutException t) {
                return "expect dropped: still open after " + d.timeoutSeconds() + " s";
            } catch (java.net.SocketException reset) {
                return null; // a reset drops it as well
            }
            if (m == null) {
                return null;
            }
            if (m[18] != 2 && m[18] != 4) {
                return "expect dropped: got " + text(m);
            }
        }
    }

    private String expectClose(Step.ExpectClose c) throws IOException {
        if (current.in == null) {
            return null;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(c.timeoutSeconds());
        while (true) {
            byte[] m;
            try {
                m = read(deadline);
            } catch (SocketTimeoutException t) {
                return "expect close: still open after " + c.timeoutSeconds() + " s";
            }
            if (m == null) {
                return null;
            }
            if (m[18] != 4) {
                return "expect close: got " + text(m);
            }
        }
    }

    private String drain(Step.Drain d) throws IOException {
        if (current.in == null) {
            return "drain before accept/connect";
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(d.millis());
        while (true) {
            // a KEEPALIVE from us every KEEPALIVE_EVERY_MILLIS, so even a hold time of 3 s on a starved
            // machine never expires while we drain (RFC 4271 suggests a third of the hold time; we send more)
            long deadline = Math.min(end, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KEEPALIVE_EVERY_MILLIS));
            if (System.nanoTime() >= end) {
                return null;
            }
            byte[] m;
            try {
                m = read(deadline);
            } catch (SocketTimeoutException t) {
                keepalive();
                continue;
            }
            if (m == null) {
                return "drain: the speaker closed the connection";
            }
            if (m[18] != 4) {
                return "drain: got " + text(m);
            }
        }
    }

    /** One whole message (RFC 4271 section 4.1), null at the end of the stream or a reset. */
    private byte[] read(long deadlineNanos) throws IOException {
        byte[] header = new byte[WireText.HEADER];
        if (!readFully(header, 0, header.length, deadlineNanos)) {
            return null;
        }
        int length = ((header[16] & 0xFF) << 8) | (header[17] & 0xFF);
        if (length < WireText.HEADER) {
            throw new IOException("the speaker sent a header with length " + length);
        }
        byte[] m = Arrays.copyOf(header, length);
        if (!readFully(m, WireText.HEADER, length - WireText.HEADER, deadlineNanos)) {
            return null;
        }
        if (m[18] == 1 && MessageDecoder.decode(m, Negotiated.DEFAULT) instanceof Decoded.Ok(Open o)) {
            current.receivedOpen = o;
        }
        return m;
    }

    private boolean readFully(byte[] b, int off, int len, long deadlineNanos) throws IOException {
        Socket socket = current.socket;
        DataInputStream in = current.in;
        if (in == null) {
            return false; // closed by a then-close or an earlier close: nothing more to read
        }
        int done = 0;
        while (done < len) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (left <= 0) {
                throw new SocketTimeoutException();
            }
            Connection c = current;
            long now = System.nanoTime();
            if (deadlineNanos != c.timeoutDeadline || now - c.timeoutSetAt > TIMEOUT_REFRESH_NANOS) {
                // Setting the timeout is a system call; a table of 200,000 messages would make 400,000 of
                // them. It is refreshed for a new deadline, or when it may overshoot the same one by more
                // than TIMEOUT_REFRESH_NANOS (harmless: the timeout only bounds a failing run).
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                c.timeoutDeadline = deadlineNanos;
                c.timeoutSetAt = now;
            }
            int n;
            try {
                n = in.read(b, off + done, len - done);
            } catch (SocketException e) {
                if (socket.isClosed()) {
                    return false;
                }
                return false; // reset by the speaker: a close as far as the script is concerned
            } catch (EOFException e) {
                return false;
            }
            if (n < 0) {
                return false;
            }
            done += n;
        }
        return true;
    }

    private String text(byte[] m) {
        return WireText.canonical(m, negotiated());
    }

    /** What the current connection negotiated, once both OPENs are known; the defaults before. */
    private Negotiated negotiated() {
        Connection c = current;
        return c.sentOpen != null && c.receivedOpen != null
                ? Negotiation.between(c.sentOpen, c.receivedOpen) : Negotiated.DEFAULT;
    }

    /** Aborts our side: SO_LINGER 0 makes close() send a RST instead of a FIN. */
    private static void resetQuietly(Connection c) {
        Socket socket = c.socket;
        if (socket != null && !socket.isClosed()) {
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException e) {
                // gone already: what a reset wanted
            }
        }
        c.in = null;
    }

    /**
     * Closes like a well-behaved TCP peer: FIN first ({@code shutdownOutput}), then read and drop whatever
     * the speaker still sends until it closes too (at most 5 s), then close. Closing with unread data in
     * the receive buffer would send a RST instead, and a RST may overtake data the speaker has not read yet,
     * which would make the trace depend on timing.
     */
    private static void closeQuietly(Connection c) {
        Socket socket = c.socket;
        if (socket != null && !socket.isClosed()) {
            try {
                socket.shutdownOutput();
                socket.setSoTimeout(5_000);
                InputStream drain = socket.getInputStream();
                byte[] sink = new byte[8192];
                while (drain.read(sink) >= 0) {
                    // dropped: the script is over
                }
            } catch (IOException e) {
                // reset or timeout: the connection is over either way
            }
            try {
                socket.close();
            } catch (IOException e) {
                // nothing left to tell
            }
        }
        c.in = null;
    }

    /** The canonical texts of the non-KEEPALIVE messages received so far (for reports). */
    List<String> seen() {
        return List.copyOf(seen);
    }

}
