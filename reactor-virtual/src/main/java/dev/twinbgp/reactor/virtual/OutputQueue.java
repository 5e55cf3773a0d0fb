package dev.twinbgp.reactor.virtual;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Buffers written on the loop, waiting for the connection's writer thread, and the writer's
 * progress as the loop needs to see it. The loop adds; the writer takes what is queued (up to one
 * gathering write's worth), parks while it is empty, and reports each write call: the bytes of the
 * buffers it completed ({@link #flushed()}, cumulative) and whether the kernel took less than
 * offered (the socket is full). The queue's size is bounded by the caller's {@code OutputBudget}.
 * A lock, not {@code synchronized}: virtual threads waiting here must not pin a carrier (JDK 21).
 */
final class OutputQueue {
    /** How often {@link #awaitKernel} looks whether the writer has parked in a full socket. */
    private static final long PARK_CHECK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nonEmpty = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private boolean closed;
    /** The writer holds a batch it has not finished. */
    private boolean busy;
    /** The writer's last write call was short: the socket's send buffer is full. */
    private boolean full;
    /** The writer is inside a write call (it may be parked there, waiting for room). */
    private volatile boolean inWrite;
    private volatile long flushed;
    private volatile Thread writer;

    /** Loop thread. */
    void add(ByteBuffer buffer) {
        lock.lock();
        try {
            if (closed) return;
            queue.add(buffer);
            // The writer waits only when the queue is empty, so only this transition needs a signal.
            if (queue.size() == 1) nonEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Drops what is queued and wakes the writer, whose next take() returns 0. Any thread. */
    void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            nonEmpty.signal();
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writer thread: the previous batch is done; moves up to {@code into.length} buffers into
     * {@code into}, parking while there are none; 0 once closed.
     */
    int take(ByteBuffer[] into) throws InterruptedException {
        lock.lock();
        try {
            writer = Thread.currentThread();
            busy = false;
            full = false;
            progress.signalAll();
            while (queue.isEmpty() && !closed) nonEmpty.await();
            if (closed) return 0;
            busy = true;
            int n = 0;
            while (n < into.length && !queue.isEmpty()) into[n++] = queue.poll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Writer thread, around each write call. */
    void writing(boolean inside) {
        inWrite = inside;
    }

    /** Writer thread: a write call completed buffers of {@code bytes}; {@code socketFull} if it was short. */
    void progressed(long bytes, boolean socketFull) {
        lock.lock();
        try {
            flushed += bytes;
            full = socketFull;
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of every buffer the writer has completely handed to the kernel so far. Any thread. */
    long flushed() {
        return flushed;
    }

    /**
     * Loop thread: waits until the kernel has taken everything queued or refuses more: the writer is
     * idle, or its last write was short, or it is parked inside a write call (the socket is full).
     * This is what the selector reactor learns synchronously from a non-blocking write; here the
     * copy into the kernel happens on the writer thread, so the loop waits for it - never for the
     * peer, since a writer parked for room ends the wait. Called only when a write would take
     * pending output past the high-water mark, so a writer that merely lags behind the loop does not
     * make writability flap.
     */
    void awaitKernel() throws InterruptedException {
        lock.lock();
        try {
            while ((busy || !queue.isEmpty()) && !full && !closed) {
                Thread w = writer;
                // A virtual thread parked in socket I/O reports WAITING; one that is copying or waiting
                // for a carrier reports RUNNABLE. Race: the writer may leave the write call and park on
                // this lock (held here) in progressed(); reading inWrite again after the state rules
                // that out, since a writer waiting for this lock cannot enter another write call.
                if (busy && inWrite && w != null && w.getState() == Thread.State.WAITING && inWrite) return;
                progress.awaitNanos(PARK_CHECK_NANOS);
            }
        } finally {
            lock.unlock();
        }
    }
}
