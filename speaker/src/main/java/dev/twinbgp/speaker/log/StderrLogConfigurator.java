package dev.twinbgp.speaker.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.ConsoleTarget;
import ch.qos.logback.core.status.NopStatusListener;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * twinbgp's logging, set up in code: human-readable lines on stderr (stdout is reserved for machine-readable
 * output), {@code HH:mm:ss.SSS LEVEL Logger - message}, the root level from {@code -Dtwinbgp.log.level}
 * (default INFO). Found by logback through {@code META-INF/services}, ahead of its XML configurators.
 *
 * <p>Why not logback.xml: reading it loads logback's XML configuration machinery (Joran, its model
 * processors) and the JDK's SAX parser - some 500 classes a daemon never needs again, and each is resident
 * memory (the launcher's AOT cache maps every class it holds; docs/benchmarks.md, issue 18, "Peak RSS").
 * A logback configuration named by {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} on the
 * class path (the test modules'), still wins: then this configurator steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class StderrLogConfigurator extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || StderrLogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // logback's own status messages stay quiet, as logback.xml's NopStatusListener kept them: without a
        // listener logback prints its warnings to System.out, which carries the JSON events and ctl's output
        context.getStatusManager().add(new NopStatusListener());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget(ConsoleTarget.SystemErr.getName());
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty("twinbgp.log.level"), Level.INFO));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
