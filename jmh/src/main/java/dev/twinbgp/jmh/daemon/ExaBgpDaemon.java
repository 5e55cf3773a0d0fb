package dev.twinbgp.jmh.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * ExaBGP 4.2 ({@code /usr/sbin/exabgp}, Debian's), listening on the receiver's address and port for the sender
 * (passive), its received UPDATEs handed as JSON to an API process ({@code receive { parsed; update; }}), as
 * ExaBGP's users read routes: ExaBGP keeps no RIB to ask, so the count of IPv4 NLRI its API process has been given
 * is what it "holds". The counter ({@code count.py}, Python 3 standard library) adds the {@code "nlri"} entries
 * under each message's {@code announce} part, starts again from zero when the session goes down, and writes the
 * count to {@code held} every 20 ms. Peak RSS: ExaBGP and its counter (the counter is how a user of ExaBGP reads
 * routes at all).
 *
 * <p>Issue 18 asks for ExaBGP "where it finishes": a 1M-prefix transfer may take it minutes, so it has its own
 * budget ({@code TWINBGP_DAEMON_EXABGP_SECONDS}, default 300 s) and the report says how far it got when it ran out.
 */
final class ExaBgpDaemon extends ProcessReceiver {
    static final String EXABGP = "/usr/sbin/exabgp";
    private static final String COUNTER = """
            import os, sys, threading, time
            held_file = sys.argv[1]
            count = 0
            def write():
                while True:
                    tmp = held_file + '.tmp'
                    with open(tmp, 'w') as f:
                        f.write(str(count))
                    os.replace(tmp, held_file)
                    time.sleep(0.02)
            threading.Thread(target=write, daemon=True).start()
            sample = open(held_file + '-first-lines.json', 'w')  # what ExaBGP gave, for a reader of the run
            for number, line in enumerate(sys.stdin):
                if number < 4:
                    sample.write(line[:2000] + ('\\n' if len(line) > 2000 else ''))
                    sample.flush()
                if '"state"' in line and '"down"' in line:
                    count = 0
                    continue
                announce = line.find('"announce"')
                if announce < 0:
                    continue
                withdraw = line.find('"withdraw"')
                part = line[announce:withdraw] if withdraw > announce else line[announce:]
                count += part.count('"nlri"')
            """;

    private final Path held;
    private final long budgetNanos;

    private ExaBgpDaemon(LocalProcess process, Path held, long budgetNanos) {
        super(process);
        this.held = held;
        this.budgetNanos = budgetNanos;
    }

    static ExaBgpDaemon start(Path dir, Endpoint at) throws IOException {
        Files.createDirectories(dir);
        Path counter = dir.resolve("count.py");
        Path held = dir.resolve("held");
        Files.writeString(counter, COUNTER);
        Files.writeString(held, "0");
        Files.writeString(dir.resolve("exabgp.conf"), """
                process counter {
                    run /usr/bin/env python3 %s %s;
                    encoder json;
                }
                neighbor %s {
                    router-id %s;
                    local-address %s;
                    local-as %d;
                    peer-as %d;
                    passive;
                    hold-time 240;
                    family {
                        ipv4 unicast;
                    }
                    api {
                        processes [ counter ];
                        neighbor-changes;
                        receive { parsed; update; }
                    }
                }
                """.formatted(counter, held, at.peerAddress(), at.address(), at.address(), at.asn(), at.peerAsn()));
        LocalProcess p = LocalProcess.start(dir, "exabgp", List.of("env",
                "exabgp.daemon.user=" + System.getProperty("user.name"), "exabgp.daemon.drop=false",
                "exabgp.daemon.daemonize=false", "exabgp.log.destination=stdout", "exabgp.log.level=WARNING",
                "exabgp.api.cli=false", "exabgp.tcp.bind=" + at.address(), "exabgp.tcp.port=" + at.port(),
                EXABGP, dir.resolve("exabgp.conf").toString()));
        String seconds = System.getenv("TWINBGP_DAEMON_EXABGP_SECONDS");
        ExaBgpDaemon d = new ExaBgpDaemon(p, held, Long.parseLong(seconds == null ? "300" : seconds) * 1_000_000_000L);
        try {
            LocalProcess.await("ExaBGP listening on " + at.address() + ":" + at.port(), 60,
                    () -> listening(at.port()), p);
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /** Whether a socket listens on {@code port} (a LISTEN row of /proc/net/tcp): ExaBGP is ready for the sender. */
    private static boolean listening(int port) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[3].equals("0A") && f[1].endsWith(String.format(":%04X", port))) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    @Override
    public String name() {
        return "ExaBGP 4.2";
    }

    @Override
    public long held() {
        try {
            String text = Files.readString(held, StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public long pollNanos() {
        return 20_000_000L;
    }

    /** As every receiver, within ExaBGP's own budget: how far it got is in the error when it runs out. */
    @Override
    public long awaitHeld(long n, long timeoutNanos) throws IOException {
        return super.awaitHeld(n, Math.min(timeoutNanos, budgetNanos));
    }
}
