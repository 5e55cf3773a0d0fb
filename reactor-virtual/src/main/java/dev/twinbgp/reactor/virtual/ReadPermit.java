package dev.twinbgp.reactor.virtual;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The loop's permission for a connection's reader thread to make one more blocking read. The
 * loop grants it after {@code onData} returned (so the read buffer is free again) unless reading is
 * paused or the connection is closing; the reader takes it before each read. At most one read is
 * ever in flight, so a connection never has more than one buffer of unread data in user space:
 * the rest stays in the kernel and TCP pushes back on the peer.
 * A lock, not {@code synchronized}: a virtual thread waiting here must not pin its carrier (JDK 21).
 */
final class ReadPermit {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean granted;
    private boolean closed;

    /** Loop thread. */
    void grant() {
        lock.lock();
        try {
            granted = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Any thread: the reader's next (or current) wait returns false. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Reader thread: waits for a grant and takes it; false once closed. */
    boolean take() throws InterruptedException {
        lock.lock();
        try {
            while (!granted && !closed) changed.await();
            if (closed) return false;
            granted = false;
            return true;
        } finally {
            lock.unlock();
        }
    }
}
