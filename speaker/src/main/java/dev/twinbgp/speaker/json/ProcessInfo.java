package dev.twinbgp.speaker.json;

import java.util.Objects;

/**
 * The process keys of ExaBGP's JSON header: {@code host}, {@code pid}, {@code ppid}. Values, so tests
 * can fix them; {@link #current()} reads them once for this JVM.
 */
public record ProcessInfo(String host, long pid, long ppid) {
    public ProcessInfo {
        Objects.requireNonNull(host, "host");
    }

    /**
     * This JVM: host from {@code HOSTNAME} / {@code COMPUTERNAME} or the kernel's node name (no DNS
     * lookup, which can block), pid and parent pid from {@link ProcessHandle}.
     */
    public static ProcessInfo current() {
        ProcessHandle self = ProcessHandle.current();
        long ppid = self.parent().map(ProcessHandle::pid).orElse(0L);
        return new ProcessInfo(hostName(), self.pid(), ppid);
    }

    private static String hostName() {
        for (String var : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String v = System.getenv(var);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        try {
            java.nio.file.Path p = java.nio.file.Path.of("/proc/sys/kernel/hostname");
            if (java.nio.file.Files.isReadable(p)) {
                String v = java.nio.file.Files.readString(p).trim();
                if (!v.isEmpty()) {
                    return v;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // fall through: the host name is informational only
        }
        return "localhost";
    }
}
