package dev.twinbgp.speaker.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * ExaBGP 4.2 (Debian package {@code exabgp}) on a loopback address with one neighbor, the {@code operational}
 * capability on, connecting to the peer's port. An API process ({@code api.py}, Python 3 standard library) gives
 * ExaBGP the commands {@link #command(String)} appends to {@code commands.txt} and writes what ExaBGP tells it -
 * received messages encoded in JSON ({@code receive { parsed; operational; }}) and the {@code done}/{@code error}
 * answers to its commands - to {@code received.txt} ({@link #received()}).
 *
 * <p>Run in the foreground, logging to stdout (our log file), as the current user (no privilege drop), without
 * its CLI pipes; configuration through its {@code exabgp.*} environment variables, as ExaBGP documents them.
 */
final class ExaBgp extends ExternalDaemon {
    private final String address;
    private final long asn;
    private final String peerAddress;
    private final int peerPort;
    private final long peerAsn;

    ExaBgp(Path dir, String address, long asn, String peerAddress, int peerPort, long peerAsn) {
        super(dir);
        this.address = address;
        this.asn = asn;
        this.peerAddress = peerAddress;
        this.peerPort = peerPort;
        this.peerAsn = peerAsn;
    }

    @Override
    String name() {
        return "exabgp";
    }

    @Override
    List<String> command() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("api.py"), """
                import os, sys, threading, time
                here = os.path.dirname(os.path.abspath(__file__))
                def read():
                    with open(os.path.join(here, 'received.txt'), 'a') as out:
                        for line in sys.stdin:
                            out.write(line)
                            out.flush()
                threading.Thread(target=read, daemon=True).start()
                sent = 0
                while True:
                    try:
                        with open(os.path.join(here, 'commands.txt')) as f:
                            lines = f.read().splitlines()
                    except FileNotFoundError:
                        lines = []
                    for line in lines[sent:]:
                        sys.stdout.write(line + '\\n')
                        sys.stdout.flush()
                    sent = len(lines)
                    time.sleep(0.1)
                """);
        Files.writeString(dir.resolve("exabgp.conf"), """
                process ops {
                    run /usr/bin/env python3 %1$s;
                    encoder json;
                }
                neighbor %2$s {
                    router-id %3$s;
                    local-address %3$s;
                    local-as %4$d;
                    peer-as %5$d;
                    hold-time 9;
                    connect %6$d;
                    capability { operational enable; }
                    family { ipv4 unicast; }
                    api { processes [ ops ]; receive { parsed; operational; } }
                }
                """.formatted(dir.resolve("api.py"), peerAddress, address, asn, peerAsn, peerPort));
        return List.of("env", "exabgp.daemon.user=" + System.getProperty("user.name"), "exabgp.daemon.drop=false",
                "exabgp.daemon.daemonize=false", "exabgp.log.destination=stdout", "exabgp.log.level=INFO",
                "exabgp.api.cli=false", "exabgp.tcp.bind=",
                new java.io.File("/usr/sbin/exabgp").canExecute() ? "/usr/sbin/exabgp" : "exabgp", dir.resolve("exabgp.conf").toString());
    }

    /** Gives ExaBGP one API command (its process reads {@code commands.txt} every 100 ms). */
    void command(String line) throws IOException {
        Files.writeString(dir.resolve("commands.txt"), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Every line ExaBGP wrote to its API process so far. */
    List<String> received() {
        try {
            Path f = dir.resolve("received.txt");
            return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
