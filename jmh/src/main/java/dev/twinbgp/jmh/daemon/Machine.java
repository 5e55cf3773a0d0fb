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
}
