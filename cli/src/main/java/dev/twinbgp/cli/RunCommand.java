package dev.twinbgp.cli;

import dev.twinbgp.speaker.api.Api;

import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.reactor.Reactors;
import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.ProcessPrograms;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.events.EventWriter;
import dev.twinbgp.speaker.events.JsonEventListener;
import dev.twinbgp.speaker.json.ExaJson;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerSettings;
import dev.twinbgp.speaker.session.SessionListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code twinbgp run}: the daemon. Parses the configuration, starts every neighbor on the chosen
 * reactor, writes JSON events when asked, and runs until a signal:
 * <ul>
 *   <li>SIGTERM or SIGINT, a stop for good: every peer gets NOTIFICATION Cease / Administrative
 *       Shutdown (RFC 4486 subcode 2) and withdraws our routes at once; exit 0.</li>
 *   <li>{@value #RESTART_SIGNAL_NAME} or the API's {@code shutdown restart} ({@code twinbgp ctl shutdown restart}),
 *       a stop before a restart (an upgrade, another {@code --reactor}):
 *       a peer with graceful restart negotiated (RFC 4724) is closed without a NOTIFICATION, so it
 *       keeps our routes until the next process sends its table and End-of-RIB (or the restart time
 *       runs out); the others get the Cease; exit 0.</li>
 * </ul>
 * ExaBGP closes every graceful restart session without a NOTIFICATION on any stop, SIGTERM
 * included (its peer.py: "closing the session without notification"); twinbgp keeps SIGTERM the
 * stop an operator stopping the daemon for good expects (routes gone at once, as documented before
 * graceful restart existed here), and makes the restart an explicit choice of its own. ExaBGP uses
 * SIGUSR2 for a full reload (configuration and processes), which twinbgp does not have.
 *
 * <p>Why SIGPWR: HotSpot suspends and resumes threads with SIGUSR2 on Linux (JFR's sampler does, for one), so
 * a handler on SIGUSR2 stopped the daemon whenever JFR ran; SIGQUIT is the JVM's thread dump; SIGHUP, SIGUSR1
 * and SIGALRM mean something else to ExaBGP (stop, reload, restart the sessions in place). SIGPWR is used by
 * neither the JVM nor ExaBGP, and "power is going away, expect to come back" is what this stop is for.
 * <ul>
 *   <li>SIGUSR1 or SIGHUP: reload the configuration file ({@link Api#reload()}): what changed is applied, an
 *       invalid file changes nothing (the error is logged with its file:line:column).</li>
 * </ul>
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Runs the BGP speaker for a configuration file (ExaBGP syntax) until SIGTERM or SIGINT,"
                + " which close every session with Cease / Administrative Shutdown and exit 0; or until SIGPWR"
                + " (or 'twinbgp ctl shutdown restart'),"
                + " a stop before a restart: sessions with graceful restart negotiated close without NOTIFICATION,"
                + " so the peers keep our routes until the next 'twinbgp run' is back (RFC 4724)."
                + " SIGUSR1 or SIGHUP reloads the configuration file (also 'twinbgp ctl reload')."
                + " Logs go to stderr; stdout carries only events (with --events -).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by SIGTERM, SIGINT, SIGPWR or the API's shutdown",
            "1:could not start (a port that cannot be bound, an events file that cannot be opened)",
            "2:bad usage: an invalid configuration file, an unknown reactor or log level"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  twinbgp run --config etc/twinbgp.conf   (or: twinbgp run etc/twinbgp.conf)",
            "  twinbgp run --config etc/twinbgp.conf --reactor selector --events - --log-level debug"})
final class RunCommand implements Callable<Integer> {
    static final int START_FAILED = 1;
    static final int BAD_USAGE = 2;
    /** How long SIGTERM waits for the Cease NOTIFICATIONs to go out: the process exits within 2 s. */
    static final Duration SHUTDOWN_GRACE = Duration.ofMillis(1500);
    /** The signal that stops the speaker before a restart (see the class comment). */
    static final String RESTART_SIGNAL_NAME = "SIGPWR";
    /** The signals that reload the configuration. */
    static final String RELOAD_SIGNALS = "SIGUSR1 SIGHUP";

    @Spec
    CommandSpec spec;

    @CommandLine.Mixin
    ConfigFile configFile;

    /** The configuration file, from {@link #configFile} (checked before anything starts). */
    private Path config;

    @Option(names = "--reactor", paramLabel = "NAME",
            description = "selector, netty or virtual. Default: $" + ReactorChoice.ENV + ", else the configuration's"
                    + " 'twinbgp { reactor ...; }', else " + ReactorChoice.DEFAULT + ".")
    String reactor;

    @Option(names = "--events", paramLabel = "-|FILE",
            description = "Write ExaBGP JSON events (state, open, update, notification), one per line: '-' for stdout,"
                    + " or a file (appended to). Default: none.")
    String events;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "trace, debug, info, warn, error or off (default: info).")
    String logLevel;

    @Option(names = "--control-socket", paramLabel = "PATH",
            description = "The Unix-domain socket 'twinbgp ctl' talks to (mode 0600). Default: $XDG_RUNTIME_DIR/twinbgp.sock,"
                    + " else /tmp/twinbgp-$UID/twinbgp.sock.")
    Path controlSocket;

    @Option(names = "--no-control-socket", description = "Open no control socket (processes still get the API).")
    boolean noControlSocket;

    @Override
    public Integer call() {
        config = configFile.path(spec);
        // The hook goes in first, so a signal during startup exits 0 too (nothing established yet
        // then). When startup fails instead, it is removed again so the failure's exit code stands.
        Stopper stopper = new Stopper();
        Thread hook = new Thread(stopper, "twinbgp-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        onRestartSignal(stopper);
        onReloadSignals(stopper);
        int code = startAndWait(stopper);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal arrived meanwhile: the hook is running and ends the process with 0
        }
        return code;
    }

    /**
     * {@value #RESTART_SIGNAL_NAME}: marks the stop as one before a restart, then exits through the
     * same shutdown hook as SIGTERM. {@code sun.misc.Signal} (module jdk.unsupported) is the JDK's
     * only way to catch a signal other than the ones that start the shutdown hooks.
     */
    private static void onRestartSignal(Stopper stopper) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(RESTART_SIGNAL_NAME.substring(3)), signal -> {
                stopper.beforeRestart();
                new Thread(() -> System.exit(0), "twinbgp-restart-stop").start();
            });
        } catch (IllegalArgumentException unavailable) {
            LoggerFactory.getLogger(RunCommand.class).warn("{} is not available here ({}); stop with SIGTERM",
                    RESTART_SIGNAL_NAME, unavailable.getMessage());
        }
    }

    /**
     * {@value #RELOAD_SIGNALS}: read the configuration again and apply what changed ({@link Api#reload()}), on a
     * thread of its own. ExaBGP reloads on SIGUSR1; twinbgp also on SIGHUP, the usual reload signal of daemons
     * (ExaBGP stops on SIGHUP). A signal before the speaker runs is logged and ignored.
     */
    private static void onReloadSignals(Stopper stopper) {
        for (String name : RELOAD_SIGNALS.split(" ")) {
            try {
                sun.misc.SignalHandler before = sun.misc.Signal.handle(new sun.misc.Signal(name.substring(3)),
                        signal -> Thread.ofPlatform().name("twinbgp-reload").daemon(true).start(() -> stopper.reload(name)));
                // A signal ignored when the JVM started (nohup ignores SIGHUP) stays ignored: the JVM keeps
                // the inherited SIG_IGN and never calls the handler. ./twinbgp resets SIGHUP before it starts
                // the JVM; anything else starting the jar this way is told here instead of a silent no-op.
                if (before == sun.misc.SignalHandler.SIG_IGN) {
                    LoggerFactory.getLogger(RunCommand.class).warn("{} was ignored when this process started (nohup?)"
                            + " and stays ignored: reload with 'twinbgp ctl reload' instead", name);
                }
            } catch (IllegalArgumentException unavailable) {
                LoggerFactory.getLogger(RunCommand.class).warn("{} is not available here ({}); reload with"
                        + " 'twinbgp ctl reload'", name, unavailable.getMessage());
            }
        }
    }

    /** Starts the speaker and waits for a signal; returns only when it cannot start. */
    private int startAndWait(Stopper stopper) {
        PrintWriter err = spec.commandLine().getErr();
        if (logLevel != null) {
            if (!Logging.isLevel(logLevel)) {
                return fail(err, BAD_USAGE, "unknown log level '" + logLevel + "'; use one of " + String.join(", ", Logging.LEVELS));
            }
            Logging.setLevel(Logger.ROOT_LOGGER_NAME, logLevel);
        }
        Configuration configuration;
        try {
            configuration = ConfigParser.parse(config);
        } catch (ConfigException invalid) {
            err.println(invalid.getMessage()); // already "file:line:column: ..."
            err.flush();
            return BAD_USAGE;
        }
        ReactorChoice choice;
        try {
            choice = ReactorChoice.choose(reactor, System.getenv(ReactorChoice.ENV), configuration.reactor(), Reactors.available());
        } catch (ReactorChoice.UnknownReactor unknown) {
            return fail(err, BAD_USAGE, unknown.getMessage());
        }
        List<PeerSettings> peers;
        try {
            peers = mapPeers(configuration);
        } catch (ConfigException invalid) {
            return fail(err, BAD_USAGE, invalid.getMessage(), false);
        } catch (RuntimeException invalid) {
            return fail(err, BAD_USAGE, config + ": " + describe(invalid));
        }
        // TCP-AO, or MD5 / GTSM where the host cannot set them: 'validate' accepts these, 'run' cannot do them
        java.util.Optional<String> cannot = PeerSettingsMapper.cannotRun(configuration)
                .or(() -> ProcessPrograms.missing(configuration));
        if (cannot.isPresent()) {
            return fail(err, BAD_USAGE, cannot.get(), false);
        }
        // The first log line: which reactor runs the sessions, and why.
        Logger log = LoggerFactory.getLogger(RunCommand.class);
        log.info("twinbgp {} using the {} reactor (from {}), configuration {}", Version.current(), choice.name(),
                choice.source(), config);
        EventWriter writer = null;
        SessionListener listener = SessionListener.NONE;
        if (events != null) {
            try {
                writer = EventWriter.open(events);
            } catch (java.nio.file.NoSuchFileException e) {
                return fail(err, START_FAILED, "cannot open the events file " + events + ": no such directory");
            } catch (java.nio.file.AccessDeniedException e) {
                return fail(err, START_FAILED, "cannot open the events file " + events + ": permission denied");
            } catch (IOException | RuntimeException e) {
                return fail(err, START_FAILED, "cannot open the events file " + events + ": " + describe(e));
            }
            listener = new JsonEventListener(ExaJson.system(), writer);
        }
        // The API (processes of the configuration, the control socket): its listener must see
        // every event from the first, so it exists before the speaker starts.
        Path file = config;
        Api.Options apiOptions = Api.Options.defaults()
                .withShutdown(() -> new Thread(() -> System.exit(0), "twinbgp-api-shutdown").start())
                .withReloadSource(() -> ConfigParser.parse(file))
                .withRestartStop(() -> {
                    stopper.beforeRestart();
                    new Thread(() -> System.exit(0), "twinbgp-restart-stop").start();
                });
        if (noControlSocket) {
            apiOptions = apiOptions.withoutControlSocket();
        } else if (controlSocket != null) {
            apiOptions = apiOptions.withControlSocket(controlSocket);
        } // else the default: $XDG_RUNTIME_DIR/twinbgp.sock, or /tmp/twinbgp-$UID/ (created 0700)
        Api api = Api.create(configuration, apiOptions);
        listener = Api.fanOut(listener, api.listener());
        BgpSpeaker speaker;
        try {
            // Listening sockets bound, FSMs started, no connection opened: a port in use ends the start here, before
            // any peer has seen a connection from us; connectPeers() below, once "started" is logged.
            speaker = BgpSpeaker.open(choice.name(), ReactorConfig.defaults(), peers, listener);
        } catch (IOException e) {
            closeQuietly(writer);
            return fail(err, START_FAILED, describe(e));
        } catch (RuntimeException e) {
            closeQuietly(writer);
            return fail(err, BAD_USAGE, describe(e));
        }
        try {
            api.start(speaker);
        } catch (IOException | RuntimeException e) {
            api.close();
            speaker.shutdown(SHUTDOWN_GRACE);
            closeQuietly(writer);
            return fail(err, START_FAILED, describe(e));
        }
        log.info("started {} neighbor(s), {} process(es){}", peers.size(), configuration.processes().size(),
                api.controlSocket() == null ? "" : ", control socket " + api.controlSocket());
        stopper.attach(speaker, writer, api);
        speaker.connectPeers();
        try {
            new CountDownLatch(1).await(); // until a signal: the shutdown hook ends the process
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * {@link PeerSettingsMapper#map} may report settings that parse but cannot run as a
     * {@link ConfigException}; caught as {@code Exception} so this compiles whether or not the
     * mapper declares it.
     */
    private static List<PeerSettings> mapPeers(Configuration configuration) throws ConfigException {
        try {
            return PeerSettingsMapper.map(configuration);
        } catch (Exception e) {
            if (e instanceof ConfigException invalid) {
                throw invalid;
            }
            if (e instanceof RuntimeException bug) {
                throw bug;
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The shutdown hook (SIGTERM, SIGINT; {@value #RESTART_SIGNAL_NAME} after marking the stop as one
     * before a restart): Cease to every peer, or the restart stop (waiting at most
     * {@link #SHUTDOWN_GRACE}), the last events written, logback stopped so its last lines are
     * not lost. Then {@code halt(0)}: the JVM would otherwise exit 143 / 130 for the signal, and
     * a signal is how this daemon is meant to stop.
     *
     * <p>Race: the signal may come while the main thread is still starting. {@code attach} and
     * {@code run} are synchronized, so the hook either sees the started speaker and stops it,
     * or sees none and halts at once (the half-started speaker dies with the process, before any
     * session could be established).
     */
    private static final class Stopper implements Runnable {
        private BgpSpeaker speaker;
        private EventWriter writer;
        private Api api;
        /** Set by {@value #RESTART_SIGNAL_NAME} before the exit that runs this hook. */
        private volatile boolean beforeRestart;

        void beforeRestart() {
            beforeRestart = true;
        }

        /** A reload signal: the API reloads (it logs what changed, or why nothing did). */
        void reload(String signal) {
            Api target;
            synchronized (this) {
                target = api;
            }
            Logger log = LoggerFactory.getLogger(RunCommand.class);
            if (target == null) {
                log.warn("{} received while starting: no reload", signal);
                return;
            }
            log.info("{} received: reloading the configuration", signal);
            target.reload();
        }

        synchronized void attach(BgpSpeaker speaker, EventWriter writer, Api api) {
            this.speaker = speaker;
            this.writer = writer;
            this.api = api;
        }

        @Override
        public synchronized void run() {
            Logger log = LoggerFactory.getLogger(RunCommand.class);
            try {
                if (speaker != null) {
                    // As ExaBGP (reactor/loop.py shutdown): the peers first, then the processes. No more commands
                    // from here (the control socket removed), but the processes get their sessions' last events
                    // ("down") and then the "shutdown" notification before they are ended.
                    api.stopCommands();
                    try {
                        if (beforeRestart) {
                            log.info("stopping for a restart ({} or 'shutdown restart'): peers with graceful restart"
                                    + " are closed without NOTIFICATION and keep our routes (RFC 4724); the others"
                                    + " get Cease", RESTART_SIGNAL_NAME);
                            speaker.shutdownForRestart(SHUTDOWN_GRACE);
                        } else {
                            log.info("stopping: Cease / Administrative Shutdown to every peer");
                            speaker.shutdown(SHUTDOWN_GRACE);
                        }
                    } finally {
                        // "shutdown" to each process, then they are stopped - even when the peers' stop threw: the
                        // processes run in a session of their own (setsid), so nothing else would end them
                        api.close();
                    }
                    closeQuietly(writer);
                    log.info("stopped");
                }
            } catch (RuntimeException e) {
                log.warn("shutdown failed: {}", e.toString());
            } finally {
                Logging.stop();
                System.err.flush();
                Runtime.getRuntime().halt(0);
            }
        }
    }

    private static void closeQuietly(EventWriter writer) {
        if (writer != null) {
            writer.close();
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static int fail(PrintWriter err, int code, String message) {
        return fail(err, code, message, true);
    }

    private static int fail(PrintWriter err, int code, String message, boolean prefix) {
        err.println(prefix ? "twinbgp run: " + message : message);
        err.flush();
        return code;
    }
}
