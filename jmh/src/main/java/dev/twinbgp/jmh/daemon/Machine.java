package dev.twinbgp.jmh.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the report says about the machine, and peak RSS from /proc. */
final class Machine {
    private Machine() {
    }

    static ObjectNode describe() {
        ObjectNode m = new ObjectMapper().createObjectNode();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("cpu", firstMatch("/proc/cpuinfo", "model name"));
        m.put("memory", firstMatch("/proc/meminfo", "MemTotal"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("loadAverageAtStart", loadAverage());
        return m;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    /** {@code VmHWM} (peak resident set) of {@code pid} in KiB, 0 when it cannot be read. */
    static long vmHwmKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone
        }
        return 0;
    }

    /**
     * CPU time {@code pid} has used so far (user + system, every thread; {@code /proc/PID/stat} fields 14 and
     * 15 in clock ticks of 1/100 s), 0 when it cannot be read. On a machine shared with other work the wall time
     * of a transfer grows with the load; the CPU time it took much less, so it is reported beside it.
     */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // fields 14, 15 (after pid and comm)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU time per thread of {@code pid} so far, summed by thread name ({@code /proc/PID/task/TID/stat}: the
     * kernel's name, at most 15 characters, so {@code C2 CompilerThre} counts every C2 compiler thread), seconds,
     * the largest first; empty when it cannot be read. Says where a cold JVM's CPU went (compilers, collector,
     * the loop, an API reader) without a profiler.
     */
    static ObjectNode threadCpuSeconds(long pid) {
        return perThread(pid, (task, stat) -> {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime + stime, clock ticks
        });
    }

    /**
     * Time each thread of {@code pid} has spent runnable but waiting for a CPU so far ({@code
     * /proc/PID/task/TID/schedstat}'s second field, the run-queue delay), summed by thread name, seconds. Beside
     * {@link #threadCpuSeconds}, it tells a thread that waited for a core (the machine's two were busy) from one
     * that had nothing to do (asleep: the wall time less both).
     */
    static ObjectNode threadWaitSeconds(long pid) {
        return perThread(pid, (task, stat) -> Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[1]) / 1e9);
    }

    /** Seconds of one thread, from its /proc/PID/task/TID directory and its {@code stat} line (read once, for the name). */
    private interface TaskSeconds {
        double of(Path task, String stat) throws IOException;
    }

    private static ObjectNode perThread(long pid, TaskSeconds seconds) {
        java.util.Map<String, Double> byName = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    byName.merge(name, seconds.of(task, stat), Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone
        }
        ObjectNode out = new ObjectMapper().createObjectNode();
        byName.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), Math.round(e.getValue() * 1000) / 1000.0));
        return out;
    }

    static double cpuSeconds(Iterable<Long> pids) {
        double sum = 0;
        for (long pid : pids) {
            sum += cpuSeconds(pid);
        }
        return sum;
    }

    private static String firstMatch(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "?";
    }

    /**
     * When the twinbgp processes run with a flight recording ({@code TWINBGP_DAEMON_JAVA_OPTS} holding
     * {@code -XX:StartFlightRecording=filename=...}), writes it out with {@code jcmd} before the process is
     * stopped: the daemon's shutdown hook ends with {@code Runtime.halt}, which can cut the JVM's own dump on
     * exit short (an empty file).
     */
    static void dumpFlightRecording(long pid) {
        if (!System.getenv().getOrDefault("TWINBGP_DAEMON_JAVA_OPTS", "").contains("StartFlightRecording")) {
            return;
        }
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "JFR.dump").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            jcmd.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            System.err.println("jcmd JFR.dump failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
