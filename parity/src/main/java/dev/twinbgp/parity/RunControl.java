package dev.twinbgp.parity;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.speaker.session.PeerDriver;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the scripted peer may ask of the speaker under test during one run ({@link SpeakerControl}): API
 * commands, a ManualStop, a generated table, checkpoints, marks and notes in the trace. Every trace line it
 * adds is added by a task on the peer's loop, so it takes its place in the loop's order; before a step that
 * depends on what the script wrote, it waits for the speaker's progress (never for a clock).
 */
final class RunControl implements SpeakerControl {
    /** A checkpoint lists at most this many routes; a bigger Adj-RIB-In is shown as its size and digest. */
    private static final int LISTED_ROUTES = 50;

    private final PeerDriver peer;
    private final TraceRecorder trace;
    /** Null when the scenario has no {@code api} step. */
    private final ApiAdapter api;
    /** The reactors' read budget: the most one read delivers. */
    private final int readBudget;

    RunControl(PeerDriver peer, TraceRecorder trace, ApiAdapter api, int readBudget) {
        this.peer = peer;
        this.trace = trace;
        this.api = api;
        this.readBudget = readBudget;
    }

    @Override
    public void api(String command, int messagesSent) throws ScenarioException {
        caughtUp(messagesSent);
        if (api == null) {
            throw new ScenarioException("no API: the scenario has no api step");
        }
        api.apply(command);
    }

    @Override
    public void settled() {
        ScenarioRunner.await(peer.query(() -> null));
    }

    @Override
    public void stop(int subcode, String text, int messagesSent) {
        caughtUp(messagesSent);
        // queued before the stop, which PeerDriver also queues on the loop
        peer.loop().execute(() -> trace.add("stop " + subcode + (text == null ? "" : " " + text)));
        peer.stop(subcode, text);
    }

    @Override
    public boolean failedAttempts(int attempts, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (trace.failedAttempts() < attempts) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    @Override
    public long maxPendingOutput() {
        Long peak = ScenarioRunner.await(peer.query(peer::maxPendingOutputBytes));
        return peak == null ? 0 : peak;
    }

    @Override
    public int connectRetries() {
        return trace.connectRetries();
    }

    @Override
    public int connectRetrySeconds() {
        return peer.settings().session().connectRetryTime();
    }

    @Override
    public void announceTable(int routes, int messagesSent) throws ScenarioException {
        caughtUp(messagesSent);
        List<Route> table = Table.routes(routes, peer.settings().session().localAs());
        ScenarioRunner.await(peer.query(() -> {
            trace.add("announce-table " + routes + " route(s)");
            return null;
        }));
        peer.announce(table);
        if (ScenarioRunner.await(peer.query(() -> Boolean.TRUE)) == null) {
            throw new ScenarioException("the speaker did not take the table within 10 s");
        }
    }

    @Override
    public boolean heldBack() {
        return Boolean.TRUE.equals(ScenarioRunner.await(peer.query(() -> !trace.endOfRibSent())));
    }

    @Override
    public void busyLoop(int millis) throws InterruptedException {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        peer.loop().execute(() -> {
            trace.add("loop busy");
            started.countDown();
            try {
                Thread.sleep(millis); // the long task; what other threads queue meanwhile waits behind it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        started.await(60, TimeUnit.SECONDS);
    }

    @Override
    public void stallEvents() {
        trace.stallEvents();
    }

    @Override
    public void drainEvents() {
        ScenarioRunner.await(peer.query(() -> {
            trace.drainEvents(peer.maxHeldBytes(), readBudget);
            return null;
        }));
    }

    @Override
    public int eventsWaiting() {
        return trace.eventsWaiting();
    }

    @Override
    public void note(String line) {
        ScenarioRunner.await(peer.query(() -> {
            trace.add(line);
            return null;
        }));
    }

    @Override
    public void mark(String name, int messagesSent) {
        caughtUp(messagesSent);
        ScenarioRunner.await(peer.query(() -> {
            trace.mark(name);
            return null;
        }));
    }

    @Override
    public void checkpoint(String name, int messagesSent) {
        caughtUp(messagesSent);
        // On the loop: copy the (immutable) routes and take a place in the trace. A big table is
        // printed and hashed here, off the loop, so the speaker's timers are never held up by it.
        Object[] snapshot = ScenarioRunner.await(peer.query(() -> {
            List<Route> routes = peer.adjRibIn().routes();
            if (routes.size() <= LISTED_ROUTES) {
                List<String> lines = routes.stream().map(Object::toString).sorted().toList();
                trace.add("checkpoint " + name + ": adj-rib-in " + lines.size() + " route(s)");
                lines.forEach(r -> trace.add("  " + r));
                return null;
            }
            return new Object[] {routes, trace.reserve()};
        }));
        if (snapshot != null) {
            @SuppressWarnings("unchecked")
            List<Route> routes = (List<Route>) snapshot[0];
            List<String> lines = routes.stream().map(Object::toString).sorted().toList();
            trace.fill((Integer) snapshot[1], "checkpoint " + name + ": adj-rib-in " + lines.size()
                    + " route(s), sha-256 " + digest(lines));
        }
    }

    /**
     * Waits (at most 5 s) until the speaker has received {@code messages} messages, or the connection is
     * down (a message it refused never counts). Waiting on the speaker's progress, not on a clock, is what
     * makes a checkpoint's or an API command's place in the trace the same on every reactor.
     */
    private void caughtUp(int messages) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (trace.receivedCount() < messages && !trace.ended() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SHA-256 of the sorted route lines: equal digests, equal tables. */
    private static String digest(List<String> routes) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            routes.forEach(r -> sha.update((r + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
