package dev.twinbgp.jmh.daemon;

import java.util.List;

/** A reference daemon that is one {@link LocalProcess} and its children: their pids, liveness, log and stop. */
abstract class ProcessReceiver implements Receiver {
    private final LocalProcess process;

    ProcessReceiver(LocalProcess process) {
        this.process = process;
    }

    @Override
    public final List<Long> pids() {
        return process.pids();
    }

    @Override
    public final boolean alive() {
        return process.alive();
    }

    @Override
    public final String tail() {
        return Receiver.tailOf(process.log());
    }

    @Override
    public final void close() {
        process.stop();
    }
}
