package dev.twinbgp.speaker.session;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Polling with a generous timeout: only to avoid hanging, never to assert speed. */
public final class Await {
    public static final Duration LONG = Duration.ofSeconds(60);

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, LONG, condition, () -> "");
    }

    /**
     * Waits until {@code count} reaches {@code target}, for as long as it keeps moving: fails only when it has not
     * changed for {@link #LONG}. For a flood whose length is the machine's load (100,000 UPDATEs take three times as
     * long on a loaded 2-core machine): there no progress, not slowness, is the failure.
     */
    public static void untilCount(String what, long target, LongSupplier count) {
        long last = count.getAsLong();
        long deadline = System.nanoTime() + LONG.toNanos();
        while (last != target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + ": stuck at " + last + " of " + target
                        + " for " + LONG.toSeconds() + " s");
            }
            sleep();
            long now = count.getAsLong();
            if (now != last) {
                last = now;
                deadline = System.nanoTime() + LONG.toNanos();
            }
        }
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + " " + context.get());
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
