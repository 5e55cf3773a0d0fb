package dev.twinbgp.speaker.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class StderrLogConfiguratorTest {

    @Test
    void logbackFindsItAsAService() {
        assertTrue(ServiceLoader.load(Configurator.class).stream()
                .anyMatch(p -> p.type() == StderrLogConfigurator.class));
    }

    @Test
    void linesGoToStderrInTheDocumentedShapeAtInfo() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's own initialisation gives a context
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            StderrLogConfigurator c = new StderrLogConfigurator();
            c.setContext(context);
            assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, c.configure(context));
            ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertEquals(Level.INFO, root.getLevel());
            assertInstanceOf(ConsoleAppender.class, root.getAppender("STDERR"));
            // a status listener: without one logback prints its own warnings to System.out (the events' stream)
            assertTrue(context.getStatusManager().getCopyOfStatusListenerList().stream()
                    .anyMatch(l -> l instanceof ch.qos.logback.core.status.NopStatusListener));
            context.getLogger("dev.twinbgp.x.Thing").info("hello {}", 1);
            context.getLogger("dev.twinbgp.x.Thing").debug("not shown");
            context.getLogger("dev.twinbgp.x.Thing").warn("failed", new IllegalStateException("boom"));
        } finally {
            context.stop();
            System.setErr(err);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines[0].matches("\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d INFO  Thing - hello 1"), lines[0]);
        assertTrue(lines[1].matches("\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d WARN  Thing - failed"), lines[1]);
        assertEquals("java.lang.IllegalStateException: boom", lines[2]);
    }
}
