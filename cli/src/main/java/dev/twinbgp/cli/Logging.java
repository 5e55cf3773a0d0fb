package dev.twinbgp.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logback control for the commands: levels from {@code --log-level}, and a clean stop so the last
 * lines are written before the JVM goes. StderrLogConfigurator (speaker) reads {@code twinbgp.log.level} at start;
 * changing the level programmatically works whenever it is called.
 */
final class Logging {
    static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

    private Logging() {
    }

    /** Is this a level name {@link #setLevel} takes (any case)? */
    static boolean isLevel(String name) {
        return name != null && LEVELS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Sets the level of {@code logger} (e.g. {@link Logger#ROOT_LOGGER_NAME} or a package); the level must pass {@link #isLevel}. */
    static void setLevel(String logger, String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(logger).setLevel(Level.toLevel(level.toUpperCase(Locale.ROOT)));
        }
    }

    /** Log lines without their time of day ("INFO  healthcheck - ..."): for a program whose lines another logs. */
    static void withoutTime() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")
                        instanceof ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> stderr) {
            ch.qos.logback.classic.encoder.PatternLayoutEncoder encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern("%-5level %logger{0} - %msg%n"); // StderrLogConfigurator's pattern without %d
            encoder.start();
            stderr.setEncoder(encoder);
        }
    }

    /** Flushes and stops logback (its appenders write what they hold); logging after this is silently dropped. */
    static void stop() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            context.stop();
        }
    }
}
