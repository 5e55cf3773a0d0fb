package dev.twinbgp.speaker.api;

import dev.twinbgp.speaker.config.ProcessConfig;
import dev.twinbgp.speaker.session.Backlog;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code process NAME { run ...; encoder ...; }}: the child program, its threads and its queue.
 *
 * <pre>
 *   loop threads --offer()--> [bounded queue] --writer thread--> child's stdin   (events, answers, acks)
 *   child's stdout --reader thread--> parse --> RouteBatch --> PeerDriver.announce/withdraw (queued on loops)
 *   child's stderr --stderr thread--> log
 * </pre>
 *
 * Nothing here runs on a loop except {@link #offer}, which never blocks. Before the queue is full, its
 * {@link #backlog()} holds back the peers whose events fill it (receive back-pressure: they stop reading
 * until the child has caught up, see {@link Backlog}), so a slow child gets every event. A child that reads
 * nothing for {@link #STALL_NANOS} no longer holds them back: when the queue is full the line is dropped,
 * counted, and the stall is logged and reported to the other processes once; the resumption is logged with
 * the count. A blocked write only blocks the writer thread.
 *
 * <p>Commands are applied in the order the child sent them: one reader thread parses them; consecutive
 * route changes (and {@code clear adj-rib out}) are merged into one {@link RouteBatch} while more input is
 * buffered or arrives within {@link #BURST_GAP_NANOS} (up to
 * {@link #MAX_BATCH} commands), and at most {@link #MAX_IN_FLIGHT} batches wait on the loops before the
 * reader stops reading - so a burst of 100,000 lines neither floods a loop's task queue nor delays its timers.
 *
 * <p>A child that exits is started again after a backoff (1 s doubling to 30 s; back to 1 s after it ran a
 * minute), until {@link #close}.
 */
final class ApiProcess implements AutoCloseable {
    static final int MAX_BATCH = 2000;
    /**
     * Batches handed to the loops and not yet applied, beyond which the reader waits: one, so the reader fills the
     * next batch while the loops apply the last. It was four (chosen, not measured): the routes of four batches,
     * made by the reader and waiting in the loops' queues, lived through young collections and were copied by each
     * (issue 18, 1M API routes to BIRD 2, 28 alternating pairs over the three reactors: twinbgp's CPU 0.135 s less
     * at the median, less in 19 of 28, the collector's less in 19; 8,000-line batches, by contrast, cost the
     * collector 0.15-0.27 s more and 26-40 MiB of peak RSS).
     */
    static final int MAX_IN_FLIGHT = 1;
    /**
     * Route changes closer together than this are one burst: applied together, and only their net effect sent
     * ({@link RouteBatch}, {@code PeerDriver.apply}), so {@code announce X} then {@code clear adj-rib out} written
     * back to back sends nothing for X. Waited for only at the end of a burst (while input is buffered, reading
     * goes on), so a bulk injection is not slowed down.
     */
    static final long BURST_GAP_NANOS = 2_000_000;
    /** A child that takes no line for this long while its queue is congested no longer holds the peers back. */
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long APPLY_TIMEOUT_SECONDS = 60;
    private static final long MIN_BACKOFF_MS = 1000;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final Logger log = LoggerFactory.getLogger(ApiProcess.class);
    private final ProcessConfig config;
    private final BlockingDeque<String> outbound;
    private final int capacity;
    private final AtomicLong dropped = new AtomicLong();
    private final Backlog backlog;
    private final AtomicLong droppedThisStall = new AtomicLong();
    private final AtomicBoolean stalled = new AtomicBoolean();
    private final Consumer<ApiProcess> onStall;
    private final AtomicLong starts = new AtomicLong();
    private volatile CommandExecutor executor;
    private volatile List<Neighbor> scope = List.of();
    private volatile Command.AckMode ack = Command.AckMode.ENABLED;
    private volatile Process child;
    private volatile boolean closing;
    /**
     * The speaker is stopping: commands are no longer read (nor the child restarted), while events - the sessions
     * going down - are still written, as ExaBGP keeps writing to its processes until it ends them.
     */
    private volatile boolean quiet;
    /** The last line written before the child is stopped ({@link #farewell}), found by identity by the writer. */
    private volatile String farewell;
    private final CompletableFuture<Void> farewellWritten = new CompletableFuture<>();
    /** The child whose writer thread has ended (after an IOException, or its child's death); no line reaches it. */
    private volatile Process writerGone;
    private long backoffMs = MIN_BACKOFF_MS;

    /** How a child is spawned: {@link ProcessBuilder#start}, or a test's wrapper around it. */
    @FunctionalInterface
    interface Spawner {
        Process start(ProcessBuilder builder) throws IOException;
    }

    private final Spawner spawner;

    ApiProcess(ProcessConfig config, int capacity, Consumer<ApiProcess> onStall) {
        this(config, capacity, onStall, ProcessBuilder::start);
    }

    ApiProcess(ProcessConfig config, int capacity, Consumer<ApiProcess> onStall, Spawner spawner) {
        this.spawner = spawner;
        this.config = config;
        this.capacity = capacity;
        this.outbound = new LinkedBlockingDeque<>(capacity);
        this.backlog = Backlog.forCapacity(capacity, STALL_NANOS, System::nanoTime);
        this.onStall = onStall;
    }

    String name() {
        return config.name();
    }

    ProcessConfig.Encoder encoder() {
        return config.encoder();
    }

    /** The stdin queue's fill level: the peers whose events go to this process stop reading while it is congested. */
    Backlog backlog() {
        return backlog;
    }

    /** Lines dropped because the queue was full, since the start. */
    long dropped() {
        return dropped.get();
    }

    /**
     * How many times the child was started (restarts + 1). A start counts from just before the spawn, so
     * whatever a child did (a line written, an exit) is never seen before its start is counted.
     */
    long starts() {
        return starts.get();
    }

    /** The running child's pid, or -1. */
    long pid() {
        Process p = child;
        return p != null && p.isAlive() ? p.pid() : -1;
    }

    /**
     * Queues an event for the child's stdin; never blocks. Returns false (and counts it) when the queue is full.
     * While a command is being answered the event waits behind the answer ({@link #holdEvents}).
     */
    boolean offer(String event) {
        synchronized (order) {
            if (held != null && held.size() < capacity) {
                held.add(event);
                return true;
            }
            return queue(event);
        }
    }

    // Race: what a command causes can come back as events before its answer (a ROUTE-REFRESH's replayed UPDATEs,
    // on the loop thread, while this reader thread is still between submitting the command and seeing it done).
    // ExaBGP answers first; programs rely on it (they read the next line and expect "done"). So from the moment a
    // command is submitted until it is answered, events wait in `held` and go out after the answer, in order.
    private final Object order = new Object();
    private ArrayList<String> held; // guarded by order; non-null while a command is in flight

    private void holdEvents() {
        synchronized (order) {
            held = new ArrayList<>();
        }
    }

    private void releaseEvents() {
        synchronized (order) { // under the lock, so that no new event overtakes the held ones
            if (held != null) {
                held.forEach(this::queue);
                held = null;
            }
        }
    }

    /** Queues a line for the child's stdin; never blocks. Returns false (and counts it) when the queue is full. */
    private boolean queue(String line) {
        return queue(line, 1);
    }

    /**
     * {@code n} "done" lines, the acknowledgements of a batch's commands, as one entry of the queue (its lines
     * joined by newlines; the writer ends it with one more): one offer on the loop thread that completes the
     * batch instead of one per command (issue 18: 1,000,000 offers, each taking the queue's lock, on the loop that
     * sends the routes). Dropped whole, and counted as {@code n} lines, when the queue is full.
     */
    private void queueDone(int n) {
        if (n > 0) {
            queue(n == 1 ? "done" : DONE.repeat(n - 1) + "done", n);
        }
    }

    private static final String DONE = "done\n";

    /** How many lines a queue entry holds: 1, or n for {@link #queueDone}'s n "done" lines (5n - 1 chars). */
    private static int lines(String entry) {
        return entry.startsWith(DONE) ? (entry.length() + 1) / DONE.length() : 1;
    }

    /** Queues an entry of {@code lines} lines for the child's stdin; never blocks; false (counted) when full. */
    private boolean queue(String entry, int lines) {
        if (outbound.offer(entry)) {
            backlog.added(entry.length());
            return true;
        }
        long total = dropped.addAndGet(lines);
        droppedThisStall.addAndGet(lines);
        if (stalled.compareAndSet(false, true)) {
            log.warn("process {}: not reading its input: queue full ({} lines), dropping events ({} dropped so far)",
                    name(), capacity, total);
            try {
                onStall.accept(this);
            } catch (RuntimeException e) {
                log.warn("process {}: reporting the stall failed: {}", name(), e.toString());
            }
        }
        return false;
    }

    /** A neighbor created at run time whose api names this process: commands act on it too. */
    synchronized void addToScope(Neighbor n) {
        List<Neighbor> next = new ArrayList<>(scope);
        next.add(n);
        scope = List.copyOf(next);
    }

    synchronized void removeFromScope(Neighbor n) {
        List<Neighbor> next = new ArrayList<>(scope);
        next.remove(n);
        scope = List.copyOf(next);
    }

    /** Starts the child; commands act on {@code scope} unless they name neighbors. */
    synchronized void start(CommandExecutor executor, List<Neighbor> scope) {
        this.executor = executor;
        this.scope = List.copyOf(scope);
        launch();
    }

    private synchronized void launch() {
        if (closing || quiet) {
            return;
        }
        // Race: the start is counted BEFORE the spawn. ProcessBuilder.start() returns only after the
        // child has exec'd, and the child runs from then on beside this thread: a short script can write
        // its output, even exit, before start() returns here (a loaded machine widens that window to
        // milliseconds). Counted after the spawn, starts() would lag behind what the child visibly did;
        // counted before, anything the child did is already counted. A spawn that fails never ran
        // anything and is taken back.
        long n = starts.incrementAndGet();
        Process p;
        try {
            ProcessBuilder builder = new ProcessBuilder(inOwnProcessGroup(config.command()));
            // tells a program it runs as this process: 'twinbgp healthcheck' then leaves the time out of its log
            // lines, which we log with ours
            builder.environment().put(Api.PROCESS_ENV, name());
            p = spawner.start(builder);
        } catch (IOException | RuntimeException e) {
            starts.decrementAndGet();
            log.warn("process {}: cannot start {}: {}", name(), config.command(), e.getMessage());
            scheduleRestart(System.nanoTime());
            return;
        }
        long startedAt = System.nanoTime();
        child = p;
        ack = Command.AckMode.ENABLED;
        log.info("process {}: started (pid {}{})", name(), p.pid(), n > 1 ? ", restart " + (n - 1) : "");
        thread("reader", () -> read(p));
        thread("writer", () -> write(p));
        thread("stderr", () -> logStderr(p));
        p.onExit().thenRun(() -> exited(p, startedAt));
    }

    /**
     * setsid(1) (util-linux), when this machine has it: the child runs in a session - and so a process group - of
     * its own, as ExaBGP starts its processes (reactor/api/processes.py: os.setpgrp(), "this prevent the signal to
     * be sent to the children"). Ctrl-C in the terminal of a foreground {@code twinbgp run} signals its whole
     * process group: without this the children got the SIGINT too and died at once (a Python program with a
     * KeyboardInterrupt traceback in our log), before the stop could give them their sessions' last events and
     * the shutdown notification. setsid execs the program (same pid, our child still): a child of the JVM is never
     * a process group leader, the one case where setsid would fork ({@code -w} would then wait for it).
     */
    private static final List<String> SETSID = java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(f -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(f)))
            .findFirst().map(f -> List.of(f, "-w")).orElse(List.of());

    static List<String> inOwnProcessGroup(List<String> command) {
        if (SETSID.isEmpty() || command.isEmpty() || !runnable(command.get(0))) {
            return command; // a program that cannot run: ProcessBuilder says so ("cannot start"), not setsid
        }
        List<String> wrapped = new ArrayList<>(SETSID);
        wrapped.addAll(command);
        return wrapped;
    }

    /** Whether {@code program} is an executable file: as a path, or found in PATH (as execvp looks it up). */
    private static boolean runnable(String program) {
        if (program.contains("/")) {
            return executableFile(java.nio.file.Path.of(program));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && executableFile(java.nio.file.Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** An executable regular file (a directory is "executable" too, and execvp skips it). */
    private static boolean executableFile(java.nio.file.Path file) {
        return java.nio.file.Files.isRegularFile(file) && java.nio.file.Files.isExecutable(file);
    }

    private void thread(String role, Runnable body) {
        Thread.ofPlatform().daemon(true).name("twinbgp-process-" + name() + "-" + role).start(body);
    }

    private void exited(Process p, long startedAt) {
        if (closing) {
            return;
        }
        if (quiet) {
            log.info("process {}: exited with status {} while the speaker stops: not restarted", name(), p.exitValue());
            return;
        }
        log.warn("process {}: exited with status {}", name(), p.exitValue());
        if (!config.respawn()) {
            log.info("process {}: not restarted (respawn false)", name());
            return;
        }
        scheduleRestart(startedAt);
    }

    private synchronized void scheduleRestart(long startedAt) {
        if (closing || quiet) {
            return;
        }
        if (TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt) >= 60) {
            backoffMs = MIN_BACKOFF_MS;
        }
        long delay = backoffMs;
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        log.info("process {}: restarting in {} ms", name(), delay);
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(this::launch);
    }

    // ---- stdin: events, answers, acks -------------------------------------------------------------

    private void write(Process p) {
        int unflushed = 0; // lines written to the buffer but not yet to the pipe: lost if the child dies
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8))) {
            while (child == p && !closing && p.isAlive()) {
                String line = outbound.poll(200, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                backlog.taken(line.length());
                if (child != p || !p.isAlive()) {
                    // Race: the child died (or a restart replaced it) while this thread waited in poll().
                    // The line is the next child's: back at the head of the queue, where it was, for the
                    // next writer. Without this, a dead child's writer kept polling until the restart
                    // (1 s or more later) and wrote what it took into the dead pipe: lost.
                    if (outbound.offerFirst(line)) {
                        backlog.added(line.length());
                    } else {
                        dropped.addAndGet(lines(line)); // the queue filled up meanwhile: counted like any overflow
                    }
                    break;
                }
                unflushed += lines(line);
                out.write(line);
                out.write('\n');
                if (line == farewell) { // identity: the very line farewell() queued
                    out.flush();
                    unflushed = 0;
                    farewellWritten.complete(null);
                    break; // the last line: the end of its input follows (the try closes it), so it can end by itself
                } else if (outbound.isEmpty()) {
                    out.flush();
                    unflushed = 0;
                }
                if (stalled.get() && outbound.size() <= capacity / 2 && stalled.compareAndSet(true, false)) {
                    log.info("process {}: reading again; {} events were dropped while it was not",
                            name(), droppedThisStall.getAndSet(0));
                }
            }
        } catch (IOException e) {
            if (!closing) {
                dropped.addAndGet(unflushed);
                log.info("process {}: its input is closed ({}); {} lines lost with it, the rest wait for the restart",
                        name(), e.getMessage(), unflushed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Race with farewell() (see there): this writer is gone - its child died, or closed its input (the
            // IOException above) while it runs on - so a farewell queued for this child is never written.
            // Only for the current child: a replaced child's writer can end late (up to a poll after the restart)
            // with a farewell queued for the new child, which its own writer will write; completing it here let the
            // stop go on before the new child had its shutdown notification.
            writerGone = p;
            if (farewell != null && child == p) {
                farewellWritten.complete(null);
            }
        }
    }

    private void logStderr(Process p) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                log.info("process {}: {}", name(), line);
            }
        } catch (IOException e) {
            // the child is gone; its exit is reported by exited()
        }
    }

    // ---- stdout: commands ----------------------------------------------------------------------

    private void read(Process p) {
        ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        RouteBatch batch = new RouteBatch();
        try (InputStream input = p.getInputStream()) {
            LineReader in = new LineReader(input);
            RouteLines routeLines = new RouteLines();
            AnnounceShortcut shortcut = new AnnounceShortcut();
            GroupBlock group = new GroupBlock();
            while (!closing) {
                // A repeated announce line is taken from its octets (AnnounceShortcut); every other line as text.
                if (!quiet && !group.isOpen() && in.lineBuffered() && !closing
                        && shortcut.add(in.octets(), in.lineStart(), in.lineEnd(), batch, scope)) {
                    in.skipLine();
                    if (batch.commands() >= MAX_BATCH || !in.readyWithin(BURST_GAP_NANOS)) {
                        flush(batch, inFlight);
                    }
                    continue;
                }
                String line = in.readLine();
                if (line == null || closing) {
                    break;
                }
                if (quiet) {
                    log.debug("process {}: the speaker is stopping, command not applied: {}", name(), line);
                    continue; // read on, so that a child writing more never blocks on a full pipe meanwhile
                }
                if (line == LineReader.TOO_LONG) {
                    settle(batch, inFlight);
                    refuse("(a line)", "a command is at most " + LineReader.MAX_LINE + " octets");
                    continue;
                }
                Request request;
                try {
                    request = routeLines.parse(line);
                } catch (CommandException e) {
                    settle(batch, inFlight);
                    refuse(line, e.getMessage());
                    continue;
                }
                if (request == null) {
                    continue;
                }
                if (request.command() instanceof Command.GroupStart || request.command() instanceof Command.GroupEnd) {
                    settle(batch, inFlight);
                    groupLine(group, request, line);
                    continue;
                }
                if (group.isOpen() && CommandExecutor.isRouteChange(request.command())) {
                    try {
                        executor.addTo(new RouteBatch(), request, scope); // checked now, applied at group end
                        group.hold(request);
                        answer(Reply.done(), line);
                    } catch (CommandException e) {
                        refuse(line, e.getMessage());
                    }
                    continue;
                }
                if (CommandExecutor.isRouteChange(request.command())) {
                    List<Neighbor> to = scope;
                    int before = batch.announced();
                    try {
                        executor.addTo(batch, request, to);
                    } catch (CommandException e) {
                        settle(batch, inFlight);
                        refuse(line, e.getMessage());
                        continue;
                    }
                    shortcut.learn(line, request, to, batch, before, executor);
                    if (batch.commands() >= MAX_BATCH || !in.readyWithin(BURST_GAP_NANOS)) {
                        flush(batch, inFlight);
                    }
                    continue;
                }
                settle(batch, inFlight);
                if (request.command() instanceof Command.SetAck set) {
                    setAck(set.mode());
                    continue;
                }
                // Events wait behind this command's answer (see `order`). A command that fails answers "error";
                // one still running after the timeout answers when it ends, and the events go on meanwhile.
                String command = line;
                holdEvents();
                await(executor.execute(request, scope, this).handle((reply, failed) -> {
                    answer(failed == null ? reply : null, command);
                    releaseEvents();
                    return null;
                }));
                releaseEvents();
            }
            flush(batch, inFlight);
        } catch (IOException e) {
            log.debug("process {}: output closed: {}", name(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("process {}: reading commands failed: {}", name(), e.toString());
        }
    }

    /**
     * {@code group start} / {@code group end} ({@link GroupBlock}): the end applies the held changes as one
     * {@link Command.Group} - one burst, all or none - and answers once the loops have applied it, as any command.
     */
    private void groupLine(GroupBlock group, Request request, String line) {
        if (request.command() instanceof Command.GroupStart) {
            String refused = group.start();
            if (refused != null) {
                refuse(line, refused);
            } else {
                answer(Reply.done(List.of(GroupBlock.started(encoder()))), line);
            }
            return;
        }
        List<Request> held = group.end();
        if (held == null) {
            refuse(line, "not in group block");
            return;
        }
        String status = GroupBlock.ended(held, encoder());
        if (held.isEmpty()) {
            answer(Reply.done(List.of(status)), line);
            return;
        }
        holdEvents();
        await(executor.execute(new Request(List.of(), new Command.Group(held)), scope, this).handle((reply, failed) -> {
            answer(failed != null ? null : reply.ok() ? Reply.done(List.of(status)) : reply, line);
            releaseEvents();
            return null;
        }));
        releaseEvents();
    }

    /**
     * Submits the batch, acknowledges its commands once the loops have applied them, and waits while too many
     * batches are in flight.
     *
     * <p>Race (api-api.ci, api-api.receive.run): a route change's "done" used to be queued here, the moment the
     * batch was handed to the loops, and the UPDATE it causes - with {@code api { send { update; } }} also a
     * {@code "direction": "out"} JSON line on this child's stdin - was queued by the loop a moment later. A program
     * that waits for its "done" and then takes every further line as news (the vector's reads "done", returns
     * from its wait_for_ack, then sees the sent UPDATE as "unexpected data" and announces 9.9.9.9) raced the
     * speaker's loop: the extra route went out whenever the loop won. So "done" now goes out when the batch's
     * future completes - after every loop has run the batch's steps, which send the UPDATEs of an established
     * session and queue their "send" events on the loop thread - and a program's wait for "done" reads past the
     * events its own command caused, deterministically, on every reactor. ExaBGP's default answers at once and
     * leaves the order to its loop; its sync mode (reactor/api/command/announce.py: the peers' flush callbacks
     * awaited before answer_done_async) gives this order, and wait_for_ack-style programs skip what comes ahead
     * of "done" ("could be BGP updates"). "done" is at most a loop turn later than before. The future is
     * the one put in flight, so awaiting it (here, and {@link #settle} before any other answer) means the "done"
     * lines are queued: no later answer ("error", a reply, an ack mode change) overtakes them.
     */
    private void flush(RouteBatch batch, ArrayDeque<CompletableFuture<Void>> inFlight) {
        if (batch.isEmpty()) {
            return;
        }
        int commands = batch.commands();
        boolean acknowledge = ack == Command.AckMode.ENABLED;
        inFlight.add(batch.submit().handle((applied, failed) -> {
            if (acknowledge) {
                queueDone(commands);
            }
            return null;
        }));
        while (inFlight.size() > MAX_IN_FLIGHT) {
            await(inFlight.poll());
        }
        inFlight.removeIf(CompletableFuture::isDone);
    }

    /** Flushes the batch and waits until every batch in flight is acknowledged: the next answer comes after. */
    private void settle(RouteBatch batch, ArrayDeque<CompletableFuture<Void>> inFlight) {
        flush(batch, inFlight);
        while (!inFlight.isEmpty()) {
            await(inFlight.poll());
        }
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(APPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("process {}: a command was not applied within {} s (is the speaker stopping?)", name(),
                    APPLY_TIMEOUT_SECONDS);
        } catch (ExecutionException e) {
            log.warn("process {}: a command failed: {}", name(), e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private void refuse(String line, String why) {
        log.warn("process {}: refused '{}': {}", name(), line.strip(), why);
        if (ack == Command.AckMode.ENABLED) {
            queue("error");
        }
    }

    private void answer(Reply reply, String line) {
        if (reply == null) {
            reply = Reply.error("not answered in time");
        }
        if (!reply.ok()) {
            refuse(line, reply.lines().isEmpty() ? "error" : reply.lines().get(0));
            return;
        }
        reply.lines().forEach(this::queue);
        if (ack == Command.AckMode.ENABLED) {
            queue("done");
        }
    }

    /** ExaBGP: {@code enable-ack} and {@code disable-ack} are acknowledged, {@code silence-ack} is not. */
    private void setAck(Command.AckMode mode) {
        boolean wasEnabled = ack == Command.AckMode.ENABLED;
        ack = mode;
        if (mode == Command.AckMode.ENABLED || (mode == Command.AckMode.DISABLED && wasEnabled)) {
            queue("done");
        }
    }

    /**
     * The speaker begins to stop: from now on the child's commands are not applied and it is not restarted when
     * it exits; events are still written to it (the sessions going down) until {@link #farewell} and
     * {@link #close}.
     */
    void stopCommands() {
        // Race: a launch (the start, or a restart on the delayed executor's thread) can be spawning a child right
        // now, past its check of quiet. Unlocked, the stop went on without it: farewell() found no live child and
        // answered at once, and the child spawned a moment later got its sessions' last events but no shutdown
        // notification before close() signalled it. launch() holds this lock from its check until the child is
        // set, so once this block has run, either that child is the one farewell() and close() see, or no child is
        // spawned any more. Never called on a loop thread (the stop's own thread); launch() does not wait under it
        // for anything but the spawn.
        synchronized (this) {
            quiet = true;
        }
    }

    /**
     * Queues {@code line} as the last line the child gets (ExaBGP's {@code shutdown} notification, written once
     * the sessions are down and before the child is ended); completes once it is written and flushed, or at once
     * when there is no child to write to, its writer has ended (it closed its input) or there is no room in its
     * queue.
     */
    CompletableFuture<Void> farewell(String line) {
        Process p = child;
        if (p == null || !p.isAlive() || closing) {
            return CompletableFuture.completedFuture(null);
        }
        farewell = line;
        // Race: the child's writer may have ended (its child closed its input and runs on; the write failed) - or
        // end right now. Nobody would write the line then, and the stop waited its full FAREWELL_MILLIS for it.
        // Both sides write their volatile first and read the other's after (the writer: writerGone, then farewell),
        // so at least one of them sees the other and completes the future.
        if (!queue(line) || writerGone == p) {
            farewellWritten.complete(null);
        }
        return farewellWritten;
    }

    /**
     * Waits until the child has ended or {@code millis} have passed: after {@link #farewell} its input is closed,
     * and a child that reads to the end and exits (as {@code cat} does) gets what it was sent last before
     * {@link #close} signals it (ExaBGP gives its processes 0.1 s there). Whether it has ended.
     */
    boolean awaitExit(long millis) {
        Process p = child;
        if (p == null) {
            return true;
        }
        try {
            return p.waitFor(Math.max(0, millis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    /** Stops the child (SIGTERM, then SIGKILL after {@code grace}) and never restarts it. */
    @Override
    public void close() {
        Process p;
        // Race: a restart can be under way on the delayed executor's thread. launch() checks closing
        // under this lock, so once this block has run no child is spawned any more, and a child spawned
        // before it is the one read here. Unlocked, a launch() past its check could spawn a child after
        // we read the old one: that child would never be stopped. (No waiting under the lock.)
        synchronized (this) {
            closing = true;
            p = child;
        }
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        if (dropped.get() > 0) {
            log.info("process {}: stopped; {} events were dropped in total because it did not read them",
                    name(), dropped.get());
        } else {
            log.info("process {}: stopped", name());
        }
    }
}
