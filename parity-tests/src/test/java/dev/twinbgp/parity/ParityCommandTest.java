package dev.twinbgp.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code twinbgp parity}: the table, the exit statuses, the one-line error for a bad file. */
final class ParityCommandTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) { }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void aBundledScenarioByNamePassesOnEveryReactor() {
        Run r = run("parity", "establish-passive");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("establish-passive  selector  pass"), r.out());
        assertTrue(r.out().contains("establish-passive  netty     pass"), r.out());
        assertTrue(r.out().contains("establish-passive  virtual   pass"), r.out());
    }

    @Test
    void aFailingScenarioExitsOne() throws Exception {
        Path f = dir.resolve("wrong.scenario");
        Files.writeString(f, """
                config:
                neighbor 127.0.0.1 {
                    router-id 10.0.0.1; local-address 127.0.0.1; local-as 65000; peer-as 65001; connect $PEER_PORT;
                }
                script:
                accept
                expect within 1 notification 6/9
                """);
        Run r = run("parity", "--reactors", "selector", dir.toString());
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*wrong +selector +FAIL.*"), r.out());
        assertTrue(r.out().contains("line 7: expect notification 6/9"), r.out());
    }

    @Test
    void aBadFileExitsTwoWithOneLine() throws Exception {
        Path f = dir.resolve("bad.scenario");
        Files.writeString(f, "config:\nneighbor 127.0.0.1 { local-as 1; peer-as 2; }\nscript:\naccept\nsend nothing\n");
        Run r = run("parity", f.toString());
        assertEquals(2, r.status());
        assertEquals(f + ":5:6: found 'nothing', expected what to send (keepalive, open, notification, refresh, update, message, raw, burst)\n",
                r.err());
    }

    @Test
    void aFuzzCaseReplays() {
        Run r = run("parity", "--fuzz-case", "42");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("1 case(s): identical traces on selector, netty, virtual"), r.out());
    }

    @Test
    void aReactorProgramReplaysWithItsTrace() {
        Run r = run("parity", "--reactor-fuzz-case", "1700555554968840899", "--show-trace");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("reactor program 1700555554968840899: "), r.out());
        assertTrue(r.out().contains("[op 10 attempt 1] cancel() again: false"), r.out());
        assertTrue(r.out().contains("[pair 1 client] open"), r.out());
        assertTrue(r.out().contains("1 program(s): identical traces on selector, netty, virtual"), r.out());
    }
}
