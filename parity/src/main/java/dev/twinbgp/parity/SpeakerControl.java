package dev.twinbgp.parity;

/** What the scripted peer may ask of the speaker under test, besides talking BGP to it. */
interface SpeakerControl {
    /**
     * Applies an API command ({@code announce ...}, {@code withdraw ...}, {@code teardown ...}); throws when it
     * is invalid. Like {@link #checkpoint}, it first waits until the speaker has taken in the
     * {@code messagesSent} whole messages the peer wrote, so its place in the trace does not depend on timing.
     */
    void api(String command, int messagesSent) throws ScenarioException;

    /** ManualStop with Cease {@code subcode} and an optional shutdown communication (after the same wait). */
    void stop(int subcode, String text, int messagesSent);

    /** Records the Adj-RIB-In in the trace and returns once it is recorded (after the same wait as {@link #api}). */
    void checkpoint(String name, int messagesSent);

    /**
     * Waits until the speaker has failed {@code attempts} connection attempts in all (a refused connect ends
     * with a {@code down} while no connection is up); false when that did not happen within {@code seconds}.
     */
    boolean failedAttempts(int attempts, int seconds) throws InterruptedException;

    /** How many times the speaker's ConnectRetry timer has expired in Connect (a pending attempt dropped, a new one started). */
    int connectRetries();

    /** The speaker's ConnectRetry time, seconds. */
    int connectRetrySeconds();

    /** Gives the speaker {@code routes} generated routes ({@link Table}); returns once its loop has them. */
    void announceTable(int routes, int messagesSent) throws ScenarioException;

    /** True when the speaker has not sent an End-of-RIB since its session came up (asked on its loop). */
    boolean heldBack();

    /**
     * The largest pending output (bytes written but not yet taken by the kernel) the speaker has had on its
     * connection to this peer, right after one of its writes (asked on its loop).
     */
    long maxPendingOutput();

    /** Records {@code line} in the trace, in the loop's order, and returns once it is recorded. */
    void note(String line);

    /** {@code loop busy MS}: see {@link Step.LoopBusy}; returns once the loop has started the task. */
    void busyLoop(int millis) throws InterruptedException;

    /** {@code events stall}: see {@link Step.EventsStall}. */
    void stallEvents();

    /** {@code events drain}, on the speaker's loop: see {@link Step.EventsDrain}. */
    void drainEvents();

    /** How many events wait in the speaker's stalled event queue, and its high-water mark. */
    int eventsWaiting();

    /** Returns once the speaker's loop has run every task queued before the call (e.g. an API command's work). */
    void settled();

    /** {@code mark NAME} (after the same wait as {@link #api}): see {@link Step.Mark}. */
    void mark(String name, int messagesSent);
}
