package dev.twinbgp.jmh.anchor;

import dev.twinbgp.speaker.interop.ExternalDaemon;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The reference receivers of issue 7, benchmark 5: real BGP daemons on loopback, fed by the same
 * twinbgp sender and the same table as the full-table transfer, so twinbgp's receive time can be
 * stated as a ratio to theirs measured in the same run.
 */
public enum Anchor {
    /** BIRD 2 (Debian {@code bird2}); polled over its control socket, which costs well under a millisecond. */
    BIRD("BIRD 2", "bird2", List.of("bird", "birdc"), Duration.ofMillis(5)),
    /**
     * GoBGP ({@code gobgpd}); polled with the {@code gobgp} client (a process per query, about 15 ms of
     * CPU), so less often: its imports take seconds, and polling faster would steal its CPU.
     */
    GOBGP("GoBGP", "gobgpd", List.of("gobgpd", "gobgp"), Duration.ofMillis(100));

    private final String displayName;
    private final String debianPackage;
    private final List<String> binaries;
    private final Duration pollInterval;

    Anchor(String displayName, String debianPackage, List<String> binaries, Duration pollInterval) {
        this.displayName = displayName;
        this.debianPackage = debianPackage;
        this.binaries = binaries;
        this.pollInterval = pollInterval;
    }

    /** The JMH parameter value: {@code bird}, {@code gobgp}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String displayName() {
        return displayName;
    }

    /** Pause between two polls of the receiver's route count (the poll's own latency comes on top). */
    public Duration pollInterval() {
        return pollInterval;
    }

    public boolean installed() {
        return binaries.stream().allMatch(ExternalDaemon::installed);
    }

    /**
     * Fails, saying what to install, when the daemon's binaries are missing: a benchmark without
     * its anchor must fail loudly rather than report something that looks like a result.
     */
    public void requireInstalled() {
        requireOnPath(displayName, debianPackage, binaries);
    }

    static void requireOnPath(String displayName, String debianPackage, List<String> binaries) {
        for (String b : binaries) {
            if (!ExternalDaemon.installed(b)) {
                throw new IllegalStateException(displayName + " is not installed: '" + b
                        + "' is not on the PATH (Debian: apt-get install " + debianPackage + ")");
            }
        }
    }

    public static Anchor of(String label) {
        for (Anchor a : values()) {
            if (a.label().equals(label.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown receiver '" + label + "': use bird or gobgp");
    }
}
