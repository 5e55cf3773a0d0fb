package dev.twinbgp.cli;

import dev.twinbgp.speaker.healthcheck.CheckSettings;
import dev.twinbgp.speaker.healthcheck.HealthChecker;
import dev.twinbgp.speaker.healthcheck.HealthOptions;
import dev.twinbgp.speaker.healthcheck.HealthState;
import dev.twinbgp.speaker.healthcheck.Loopback;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twinbgp healthcheck}: ExaBGP's anycast health checker ({@code exabgp healthcheck},
 * application/healthcheck.py) with its options, to run as a {@code process} of {@code twinbgp run} or of ExaBGP. It
 * checks a service with a command and announces the service's addresses with a MED for its state (UP, DOWN,
 * DISABLED), or withdraws them. Options only parse here; the loop is {@link HealthChecker}.
 */
@Command(name = "healthcheck", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Checks a service and announces its addresses through the API of the process that started it"
                + " ('twinbgp run' or ExaBGP), as 'exabgp healthcheck' does: MED --up-metric when the check command"
                + " succeeds --rise times in a row, --down-metric after --fall failures (or a withdrawal with"
                + " --withdraw-on-down), --disabled-metric while the --disable file exists. Commands go to stdout;"
                + " logs to stderr.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped (SIGTERM, the parent process gone, or --interval 0 after one announcement)",
            "1:no address to announce, or the loopback addresses could not be set up", "2:bad usage"},
        footerHeading = "%nExample (a process of twinbgp run):%n",
        footer = {"  process web { run ./twinbgp healthcheck --cmd \"curl -sf http://127.0.0.1/\" --ip 192.0.2.10/32 --no-ip-setup; encoder text; }"})
final class HealthcheckCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger("healthcheck");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // logging and process
    @Option(names = {"-s", "--silent"}, description = "Do not log to the console (stderr).") boolean silent;
    @Option(names = {"-sF", "--syslog-facility"}, arity = "0..1", paramLabel = "FACILITY",
            description = "Accepted for ExaBGP's command lines; twinbgp logs to stderr only.") String syslogFacility;
    @Option(names = "--no-syslog", description = "Accepted for ExaBGP's command lines (no syslog here).") boolean noSyslog;
    @Option(names = {"-a", "--no-ack"}, description = "Do not wait for the speaker's 'done' after each command.") boolean noAck;
    @Option(names = "--sudo", description = "Use sudo to set up the loopback addresses.") boolean sudo;
    @Option(names = {"-d", "--debug"}, description = "Log debug lines.") boolean debug;
    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Name of this checker (in its log lines).") String name;
    @Option(names = {"-F", "--config"}, paramLabel = "FILE",
            description = "Options from a file, one per line without the '--' ('interval = 10'); the command line wins.") Path config;
    @Option(names = {"-p", "--pid"}, paramLabel = "FILE", description = "Write the process id to FILE.") Path pid;
    @Option(names = "--user", paramLabel = "USER", description = "Refused: start twinbgp healthcheck as that user instead.") String user;
    @Option(names = "--group", paramLabel = "GROUP", description = "Refused: start twinbgp healthcheck with that group instead.") String group;

    // checking
    @Option(names = {"-i", "--interval"}, paramLabel = "N", description = "Seconds between checks (default 5); 0: exit after the first announcement.") double interval = 5;
    @Option(names = {"-f", "--fast-interval"}, paramLabel = "N", description = "Seconds between checks while the state is about to change (default 1).") double fast = 1;
    @Option(names = {"-t", "--timeout"}, paramLabel = "N", description = "Seconds the check command may run (default 5).") int timeout = 5;
    @Option(names = "--rise", paramLabel = "N", description = "Successful checks before the service is up (default 3).") int rise = 3;
    @Option(names = "--fall", paramLabel = "N", description = "Failed checks before the service is down (default 3).") int fall = 3;
    @Option(names = "--disable", paramLabel = "FILE", description = "While FILE exists the service is disabled.") Path disable;
    @Option(names = {"-c", "--cmd", "--command"}, paramLabel = "CMD", description = "The check command (sh -c); none: always healthy.") String command;

    // advertising
    @Option(names = {"-N", "--next-hop"}, paramLabel = "IP", description = "Next hop of the routes (default: self).") String nextHop;
    @Option(names = "--ip", paramLabel = "IP", description = "An address or network to announce (repeat it); default: the addresses on lo.") List<String> ips = new ArrayList<>();
    @Option(names = "--local-preference", paramLabel = "P", description = "LOCAL_PREF of the routes.") long localPreference = -1;
    @Option(names = "--deaggregate-networks", description = "Announce each address of the --ip networks.") boolean deaggregate;
    @Option(names = "--no-ip-setup", description = "Do not add missing addresses to lo.") boolean noIpSetup;
    @Option(names = "--dynamic-ip-setup", description = "Remove the addresses from lo while down or disabled, add them back when up.") boolean dynamicIpSetup;
    @Option(names = "--label", paramLabel = "LABEL", description = "Label of the loopback addresses (lo:LABEL).") String label;
    @Option(names = "--start-ip", paramLabel = "N", description = "Index of the first address in the list (default 0).") int startIp;
    @Option(names = "--up-metric", paramLabel = "M", description = "MED of the first address when up (default 100).") int upMetric = 100;
    @Option(names = "--down-metric", paramLabel = "M", description = "MED when down (default 1000).") int downMetric = 1000;
    @Option(names = "--disabled-metric", paramLabel = "M", description = "MED when disabled (default 500).") int disabledMetric = 500;
    @Option(names = "--increase", paramLabel = "M", description = "MED increase for each further address (default 1).") int increase = 1;
    @Option(names = "--community", paramLabel = "COMMUNITY", description = "Communities of the routes.") String community;
    @Option(names = "--extended-community", paramLabel = "EXTENDEDCOMMUNITY", description = "Extended communities of the routes.") String extendedCommunity;
    @Option(names = "--large-community", paramLabel = "LARGECOMMUNITY", description = "Large communities of the routes.") String largeCommunity;
    @Option(names = "--disabled-community", paramLabel = "DISABLEDCOMMUNITY", description = "Communities instead, when down or disabled.") String disabledCommunity;
    @Option(names = "--as-path", paramLabel = "ASPATH", description = "AS path of the routes.") String asPath;
    @Option(names = "--up-as-path", paramLabel = "ASPATH", description = "AS path when up.") String upAsPath;
    @Option(names = "--down-as-path", paramLabel = "ASPATH", description = "AS path when down.") String downAsPath;
    @Option(names = "--disabled-as-path", paramLabel = "ASPATH", description = "AS path when disabled.") String disabledAsPath;
    @Option(names = "--withdraw-on-down", description = "Withdraw the routes when not up, instead of a worse MED.") boolean withdrawOnDown;
    @Option(names = "--path-id", paramLabel = "PATHID", description = "ADD-PATH path id of the routes.") Long pathId;
    @Option(names = "--neighbor", paramLabel = "NEIGHBOR", description = "Announce to this neighbor only (repeat it).") List<String> neighbors = new ArrayList<>();

    // reporting
    @Option(names = "--execute", paramLabel = "CMD", description = "Run CMD on every state change ($STATE set).") List<String> execute = new ArrayList<>();
    @Option(names = "--up-execute", paramLabel = "CMD", description = "Run CMD when the service becomes up.") List<String> upExecute = new ArrayList<>();
    @Option(names = "--down-execute", paramLabel = "CMD", description = "Run CMD when the service becomes down.") List<String> downExecute = new ArrayList<>();
    @Option(names = "--disabled-execute", paramLabel = "CMD", description = "Run CMD when the service is disabled.") List<String> disabledExecute = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (config != null) {
            return fromConfigFile(err);
        }
        if (user != null || group != null) {
            return fail(err, 2, "--user and --group are not supported (a JVM cannot drop privileges): start it as that user");
        }
        Logging.setLevel(org.slf4j.Logger.ROOT_LOGGER_NAME, silent ? "off" : debug ? "debug" : "info");
        if (System.getenv(dev.twinbgp.speaker.api.Api.PROCESS_ENV) != null) {
            // a process of 'twinbgp run', which logs each of our lines with its own time: ours would be twice
            Logging.withoutTime();
        }
        if (pid != null) {
            Files.writeString(pid, ProcessHandle.current().pid() + "\n");
        }
        List<String> addresses;
        try {
            addresses = ips.isEmpty() ? Loopback.find(label) : normalised(ips);
        } catch (IOException | IllegalArgumentException e) {
            return fail(err, ips.isEmpty() ? 1 : 2, e.getMessage());
        }
        if (addresses.isEmpty()) {
            return fail(err, 1, "no IP found (give --ip, or put the service's addresses on lo)");
        }
        if (!noIpSetup || dynamicIpSetup) {
            try {
                new Loopback(addresses, label, sudo).setup();
            } catch (IOException e) {
                return fail(err, 1, "cannot set up the loopback addresses (run as root, use --sudo, or --no-ip-setup): " + e.getMessage());
            }
        }
        if (deaggregate) {
            addresses = deaggregated(addresses);
        }
        List<String> rotated = new ArrayList<>(addresses);
        Collections.rotate(rotated, -startIp);

        HealthOptions announce = new HealthOptions(rotated, Optional.ofNullable(nextHop), upMetric, downMetric, disabledMetric,
                increase, localPreference, Optional.ofNullable(community), Optional.ofNullable(disabledCommunity),
                Optional.ofNullable(extendedCommunity), Optional.ofNullable(largeCommunity), Optional.ofNullable(asPath),
                Optional.ofNullable(upAsPath), Optional.ofNullable(downAsPath), Optional.ofNullable(disabledAsPath),
                withdrawOnDown, Optional.ofNullable(pathId), neighbors);
        Map<HealthState, List<String>> hooks = new EnumMap<>(HealthState.class);
        hooks.put(HealthState.UP, upExecute);
        hooks.put(HealthState.DOWN, downExecute);
        hooks.put(HealthState.DISABLED, disabledExecute);
        CheckSettings settings = new CheckSettings(Optional.ofNullable(command), seconds(interval), seconds(fast),
                Duration.ofSeconds(timeout), rise, fall, Optional.ofNullable(disable), noAck, execute, hooks);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Loopback dynamic = dynamicIpSetup ? new Loopback(addresses, label, sudo) : null;
        HealthChecker checker = new HealthChecker(announce, settings, out, in, dynamic);
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        Thread hook = new Thread(() -> {
            // SIGTERM (or SIGINT): withdraw every route (ExaBGP's EXIT state); not when the loop ended by itself
            // (parent gone, --interval 0), which leaves the routes as they are, as ExaBGP does
            if (ended.get()) return;
            checker.stop();
            Logging.stop();
            System.out.flush();
            Runtime.getRuntime().halt(0); // a signal is how it is meant to stop: exit 0, as ExaBGP's does
        }, "twinbgp-healthcheck-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.info("{}checking {} for {}", name == null ? "" : name + ": ", command == null ? "nothing (always up)" : "'" + command + "'",
                String.join(" ", rotated));
        checker.run();
        ended.set(true);
        return 0;
    }

    /** ExaBGP's --config: each line is an option without its '--', 'key = value' or a bare flag; the command line wins. */
    private int fromConfigFile(PrintWriter err) throws IOException {
        List<String> args = new ArrayList<>();
        for (String line : Files.readAllLines(config, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            int eq = t.indexOf('=');
            if (eq < 0) {
                args.add("--" + t);
            } else {
                args.add("--" + t.substring(0, eq).strip());
                args.add(t.substring(eq + 1).strip());
            }
        }
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        for (int i = 0; i < original.size(); i++) {
            String a = original.get(i);
            if (a.equals("-F") || a.equals("--config")) {
                i++;
                continue;
            }
            if (a.startsWith("--config=")) continue;
            args.add(a);
        }
        CommandLine again = new CommandLine(new HealthcheckCommand());
        again.setOut(spec.commandLine().getOut());
        again.setErr(err);
        again.setParameterExceptionHandler(spec.commandLine().getParameterExceptionHandler());
        return again.execute(args.toArray(String[]::new));
    }

    /** Addresses in CIDR form (a bare address is /32 or /128), the network's own address. */
    private static List<String> normalised(List<String> ips) {
        List<String> out = new ArrayList<>();
        for (String ip : ips) {
            out.add(cidr(ip).toString());
        }
        return out;
    }

    private record Cidr(InetAddress network, int length) {
        @Override
        public String toString() {
            return network.getHostAddress() + "/" + length;
        }
    }

    private static Cidr cidr(String text) {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        if (!host.matches("[0-9a-fA-F.:]+")) throw new IllegalArgumentException("not an IP address or network: " + text);
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an IP address or network: " + text);
        }
        int bits = address.getAddress().length * 8;
        int length;
        try {
            length = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IP address or network: " + text);
        }
        if (length < 0 || length > bits) throw new IllegalArgumentException("not an IP address or network: " + text);
        BigInteger value = new BigInteger(1, address.getAddress());
        if (value.shiftRight(bits - length).shiftLeft(bits - length).compareTo(value) != 0) {
            throw new IllegalArgumentException(text + " has host bits set");
        }
        return new Cidr(address, length);
    }

    /** --deaggregate-networks: every address of each network, as /32 (or /128); at most 65536. */
    private static List<String> deaggregated(List<String> networks) {
        List<String> out = new ArrayList<>();
        for (String n : networks) {
            Cidr c = cidr(n);
            int bits = c.network().getAddress().length * 8;
            if (bits - c.length() > 16) throw new IllegalArgumentException(n + " has more than 65536 addresses");
            BigInteger first = new BigInteger(1, c.network().getAddress());
            for (long i = 0; i < 1L << (bits - c.length()); i++) {
                byte[] raw = first.add(BigInteger.valueOf(i)).toByteArray();
                byte[] fixed = new byte[bits / 8];
                System.arraycopy(raw, Math.max(0, raw.length - fixed.length), fixed, Math.max(0, fixed.length - raw.length),
                        Math.min(raw.length, fixed.length));
                try {
                    out.add(InetAddress.getByAddress(fixed).getHostAddress() + "/" + bits);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private static int fail(PrintWriter err, int code, String message) {
        err.println("twinbgp healthcheck: " + message);
        err.flush();
        return code;
    }
}
