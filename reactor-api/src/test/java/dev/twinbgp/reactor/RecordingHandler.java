package dev.twinbgp.reactor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Records every callback (with its thread) for assertions in the contract suite. */
class RecordingHandler implements ConnectionHandler {
    final CompletableFuture<Connection> opened = new CompletableFuture<>();
    final CompletableFuture<Throwable> connectFailed = new CompletableFuture<>();
    final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    final AtomicInteger closeCount = new AtomicInteger();
    final AtomicInteger connectFailedCount = new AtomicInteger();
    final AtomicLong received = new AtomicLong();
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    final List<Boolean> writability = new CopyOnWriteArrayList<>();
    final List<String> problems = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private volatile boolean keepData = true;
    private volatile CompletableFuture<Void> wanted = new CompletableFuture<>();
    private volatile long wantedBytes = Long.MAX_VALUE;

    RecordingHandler discardData() {
        keepData = false;
        return this;
    }

    void seen(Connection c) {
        threads.add(Thread.currentThread());
        if (c != null && !c.loop().inLoop()) problems.add("callback off the loop thread");
    }

    @Override
    public void onOpen(Connection c) {
        seen(c);
        if (!opened.complete(c)) problems.add("onOpen twice");
    }

    @Override
    public void onData(Connection c, ByteBuffer buf) {
        seen(c);
        int n = buf.remaining();
        if (keepData) {
            byte[] b = new byte[n];
            buf.get(b);
            synchronized (data) {
                data.writeBytes(b);
            }
        } else {
            buf.position(buf.limit());
        }
        if (received.addAndGet(n) >= wantedBytes) wanted.complete(null);
    }

    @Override
    public void onWritabilityChanged(Connection c, boolean writable) {
        seen(c);
        writability.add(writable);
    }

    @Override
    public void onClose(Connection c, Throwable cause) {
        seen(c);
        closeCount.incrementAndGet();
        closed.complete(cause);
    }

    @Override
    public void onConnectFailed(Throwable cause) {
        threads.add(Thread.currentThread());
        connectFailedCount.incrementAndGet();
        connectFailed.complete(cause);
    }

    /** Completes once at least {@code n} bytes in total have arrived. */
    synchronized CompletableFuture<Void> awaitBytes(long n) {
        wanted = new CompletableFuture<>();
        wantedBytes = n;
        if (received.get() >= n) wanted.complete(null);
        return wanted;
    }

    byte[] data() {
        synchronized (data) {
            return data.toByteArray();
        }
    }
}
