package dev.twinbgp.parity.reactor;

import dev.twinbgp.parity.reactor.ReactorOp.AskInLoop;
import dev.twinbgp.parity.reactor.ReactorOp.Caller;
import dev.twinbgp.parity.reactor.ReactorOp.Connect;
import dev.twinbgp.parity.reactor.ReactorOp.End;
import dev.twinbgp.parity.reactor.ReactorOp.PauseReading;
import dev.twinbgp.parity.reactor.ReactorOp.ResumeReading;
import dev.twinbgp.parity.reactor.ReactorOp.Schedule;
import dev.twinbgp.parity.reactor.ReactorOp.Side;
import dev.twinbgp.parity.reactor.ReactorOp.Sleep;
import dev.twinbgp.parity.reactor.ReactorOp.Tasks;
import dev.twinbgp.parity.reactor.ReactorOp.TimerPlan;
import dev.twinbgp.parity.reactor.ReactorOp.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A random program of reactor-api operations, built from its seed only ({@link #generate(long)}): 1-3
 * loopback pairs connected as it goes, writes of random sizes in random chunks, pauses and resumes of
 * reading, timers (fired, cancelled, cancelled twice, cancelled while firing, re-armed), trees of tasks
 * queued from other threads and from the loop, connects cancelled while they hang or after they failed,
 * {@code inLoop()} asked on and off the loop, short sleeps of
 * the driver, now and then connects racing the close of a throw-away reactor; every pair ends with a graceful close or an abort with output just written. A side whose peer
 * has paused reading sometimes writes 4-8 MiB, more than loopback's socket buffers take, so output is pending
 * in the reactor (queued behind, flushed by a close, dropped by an abort). Each call comes
 * from the driver thread, another thread, a loop task or a task queued from the loop.
 *
 * <p>Only what the contract orders is combined: a pair's writes come from callers that queue in program
 * order (the driver, another thread joined before the next operation, a loop task), so the bytes a side
 * receives are the other side's stream in order; a timer cancelled at once from another thread is 60 s long.
 */
public record ReactorProgram(long seed, int pairs, List<ReactorOp> ops) {
    private static final int MAX_WRITE_TOTAL = 24 << 20;

    public ReactorProgram {
        ops = List.copyOf(ops);
    }

    /** The seed of program {@code index} of the campaign {@code campaignSeed}. */
    public static long programSeed(long campaignSeed, int index) {
        return new SplittableRandom(campaignSeed ^ (0x5DEECE66DL * (index + 1))).nextLong();
    }

    /** What the program does, one operation a line. */
    public String description() {
        return "reactor program " + seed + ": " + pairs + " pair(s), " + ops.size() + " operations\n"
                + IntStream.range(0, ops.size()).mapToObj(i -> String.format("  op %2d  %s", i + 1, ReactorOp.describe(ops.get(i))))
                .collect(Collectors.joining("\n"));
    }

    public static ReactorProgram generate(long seed) {
        return new Generator(new Random(seed)).program(seed);
    }

    /** The generator's state: which pairs are up, ended, paused, how much each side wrote. */
    private static final class Generator {
        private final Random r;
        private int pairs;
        private int connected;
        private boolean[] ended;
        private boolean[][] paused;
        private int[][] written;
        private int timers;
        private int chains;
        private int attempts;
        private final List<ReactorOp> ops = new ArrayList<>();

        Generator(Random r) {
            this.r = r;
        }

        ReactorProgram program(long seed) {
            pairs = 1 + r.nextInt(3);
            ended = new boolean[pairs + 1];
            paused = new boolean[pairs + 1][2];
            written = new int[pairs + 1][2];
            connect();
            int count = 6 + r.nextInt(22);
            for (int i = 0; i < count; i++) {
                step();
            }
            while (connected < pairs) {
                connect();
            }
            for (int p = 1; p <= pairs; p++) {
                if (!ended[p]) {
                    end(p);
                }
            }
            // Drawn last, so the rest of a seed's program is what it was before close races existed.
            if (r.nextInt(4) == 0) {
                ops.add(new ReactorOp.CloseRace(1, 2 + r.nextInt(3)));
            }
            return new ReactorProgram(seed, pairs, ops);
        }

        private void step() {
            if (connected < pairs && r.nextInt(5) == 0) {
                connect();
                return;
            }
            int live = livePair();
            int k = r.nextInt(100);
            if (live == 0 || k < 20) {
                ops.add(timer());
            } else if (k < 45) {
                write(live);
            } else if (k < 53) {
                pause(live);
            } else if (k < 60) {
                resume(live);
            } else if (k < 75) {
                ops.add(new Tasks(++chains, r.nextInt(4), 1 + r.nextInt(2), pick(Caller.DRIVER, Caller.THREAD, Caller.LOOP)));
            } else if (k < 79) {
                ops.add(new ReactorOp.CancelConnect(++attempts, r.nextInt(3) == 0, pick(Caller.DRIVER, Caller.THREAD, Caller.LOOP)));
            } else if (k < 83) {
                ops.add(new ReactorOp.AskInLoop(pick(Caller.DRIVER, Caller.THREAD, Caller.LOOP, Caller.NESTED)));
            } else if (k < 92) {
                ops.add(new Sleep(r.nextInt(6)));
            } else if (liveCount() > 1 || r.nextInt(3) == 0) {
                end(live);
            } else {
                write(live);
            }
        }

        private void connect() {
            ops.add(new Connect(++connected, pick(Caller.DRIVER, Caller.LOOP)));
        }

        private void write(int p) {
            Side side = side();
            int room = MAX_WRITE_TOTAL - written[p][side.ordinal()];
            if (paused[p][side.peer().ordinal()] && r.nextInt(3) == 0) {
                flood(p, side, room);
                return;
            }
            int size = Math.min(room, switch (r.nextInt(4)) {
                case 0 -> 1 + r.nextInt(16);
                case 1 -> 1 + r.nextInt(1500);
                case 2 -> 1 + r.nextInt(16 * 1024);
                default -> 1 + r.nextInt(96 * 1024);
            });
            if (size <= 0) {
                return;
            }
            written[p][side.ordinal()] += size;
            ops.add(new Write(p, side, size, Math.min(size, 1 + r.nextInt(4)), pick(Caller.DRIVER, Caller.THREAD, Caller.LOOP)));
        }

        /** A write far beyond what the kernel's buffers take while the peer does not read: output pending in the reactor. */
        private void flood(int p, Side side, int room) {
            int size = Math.min(room, (4 << 20) + r.nextInt(4 << 20));
            if (size <= 0) {
                return;
            }
            written[p][side.ordinal()] += size;
            ops.add(new Write(p, side, size, 8 + r.nextInt(57), pick(Caller.DRIVER, Caller.LOOP)));
        }

        private void pause(int p) {
            Side side = side();
            paused[p][side.ordinal()] = true;
            ops.add(new PauseReading(p, side, pick(Caller.DRIVER, Caller.LOOP)));
        }

        private void resume(int p) {
            Side side = paused[p][0] ? Side.CLIENT : paused[p][1] ? Side.SERVER : side();
            paused[p][side.ordinal()] = false;
            ops.add(new ResumeReading(p, side, pick(Caller.DRIVER, Caller.LOOP)));
        }

        private void end(int p) {
            ended[p] = true;
            Side side = side();
            int last = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(64 * 1024);
            if (paused[p][side.peer().ordinal()] && r.nextInt(2) == 0) {
                last = (4 << 20) + r.nextInt(4 << 20); // closed or aborted with most of it pending
            }
            ops.add(new End(p, side, last, r.nextInt(3) == 0, pick(Caller.DRIVER, Caller.LOOP)));
        }

        private Schedule timer() {
            TimerPlan plan = TimerPlan.values()[r.nextInt(TimerPlan.values().length)];
            Caller from = pick(Caller.DRIVER, Caller.THREAD, Caller.LOOP, Caller.NESTED);
            int delay = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(25);
            boolean cancelledAtOnce = plan == TimerPlan.CANCEL || plan == TimerPlan.CANCEL_TWICE;
            if (cancelledAtOnce && (from == Caller.DRIVER || from == Caller.THREAD)) {
                delay = 60_000; // off the loop, only a long timer is surely cancelled before it is due
            }
            return new Schedule(++timers, delay, plan, from);
        }

        private int livePair() {
            List<Integer> live = new ArrayList<>();
            for (int p = 1; p <= connected; p++) {
                if (!ended[p]) {
                    live.add(p);
                }
            }
            return live.isEmpty() ? 0 : live.get(r.nextInt(live.size()));
        }

        private int liveCount() {
            int n = 0;
            for (int p = 1; p <= connected; p++) {
                n += ended[p] ? 0 : 1;
            }
            return n;
        }

        private Side side() {
            return r.nextBoolean() ? Side.CLIENT : Side.SERVER;
        }

        private Caller pick(Caller... callers) {
            return callers[r.nextInt(callers.length)];
        }
    }
}
