package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ValidateCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ValidateCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void summarisesAValidFile() {
        Path file = Path.of("src", "test", "resources", "config", "attributes.conf");
        Run run = run("--config", file.toString());
        assertEquals(0, run.exit());
        assertEquals("", run.err());
        assertEquals(file + ": 1 neighbor, 0 processes, reactor default\n"
                + "neighbor 10.0.0.2 (iBGP, local AS 65000, peer AS 65000)\n"
                + "  local address 10.0.0.1, router id 10.0.0.1, hold time 180, connects to port 179\n"
                + "  families: ipv4 unicast, ipv6 unicast\n"
                + "  capabilities: asn4, extended-message\n"
                + "  routes: 2 (3 after split)\n"
                + "    203.0.113.0/24 next-hop 10.0.0.1 path-information 42 origin incomplete as-path [ { 64512 64513 } ] "
                + "med 10 local-preference 300 atomic-aggregate aggregator ( 65000:10.0.0.1 ) "
                + "community [ 65535:65281 65000:1 65535:65284 65535:666 65535:0 1:2 ] large-community [ 65000:1:2 ] "
                + "extended-community [ 0x0002fde800000001 0x01030a0000010007 0x0202fa56ea000005 0x0300000000000001 ] "
                + "originator-id 10.0.0.9 cluster-list [ 10.0.0.8 10.0.0.7 ] "
                + "attribute [ 0x20 0xc0 0x0000000100000002 ]\n"
                + "    203.0.114.0/23 next-hop 10.0.0.1 as-path [ 65010 ] split /24\n", run.out());
    }

    /** A process's arguments with blanks are shown quoted, as written: the summary must not hide where one ends. */
    @Test
    void showsAProcessCommandWithItsQuotes(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("process.conf");
        java.nio.file.Files.writeString(file, """
                process check {
                    run /usr/bin/env "CHECK=nc -z 127.0.0.1 80" /bin/sh check.sh;
                    encoder text;
                }
                """);
        Run run = run("--config", file.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(file + ": 0 neighbors, 1 process, reactor default\n"
                + "process check: run /usr/bin/env \"CHECK=nc -z 127.0.0.1 80\" /bin/sh check.sh (encoder text)\n", run.out());
    }

    /**
     * A process whose program cannot be started is refused at its place, as ExaBGP's validate refuses it ("can not
     * locate the the program"): before, validate said the file was fine and run logged the failure every few seconds.
     */
    @Test
    void refusesAProcessWhoseProgramCannotRun(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("process.conf");
        java.nio.file.Files.writeString(file, "process gone {\n    run ./announce.py --fast;\n}\n");
        Run missing = run("--config", file.toString());
        assertEquals(2, missing.exit(), missing.out());
        assertEquals("", missing.out());
        assertEquals(file + ":2:9: process gone: cannot run " + dir.resolve("announce.py") + ": no such file"
                + System.lineSeparator(), missing.err());

        java.nio.file.Files.writeString(dir.resolve("announce.py"), "print('announce route 10.0.0.0/24 next-hop self')\n");
        Run notExecutable = run("--config", file.toString());
        assertEquals(2, notExecutable.exit(), notExecutable.out());
        assertEquals(file + ":2:9: process gone: cannot run " + dir.resolve("announce.py") + ": not executable (chmod +x"
                + " it, or name its interpreter first: run /bin/sh " + dir.resolve("announce.py") + ")"
                + System.lineSeparator(), notExecutable.err());

        java.nio.file.Files.writeString(file, "process gone {\n  encoder json;  run twinbgp-no-such-program;\n}\n");
        Run notOnPath = run("--config", file.toString());
        assertEquals(2, notOnPath.exit(), notOnPath.out());
        assertEquals(file + ":2:22: process gone: cannot run twinbgp-no-such-program: not found in PATH (a program"
                + " beside the configuration is written ./twinbgp-no-such-program)" + System.lineSeparator(),
                notOnPath.err());

        java.nio.file.Files.writeString(file, "process found {\n    run sh -c 'exec cat';\n}\n");
        Run onPath = run("--config", file.toString());
        assertEquals(0, onPath.exit(), onPath.err());
    }

    @Test
    void reportsOneLineForABadFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.conf");
        java.nio.file.Files.writeString(bad, "neighbor 1.2.3.4 {\n  local-as x;\n}\n");
        Run run = run("--config", bad.toString());
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertEquals(bad + ":2:12: found 'x', expected an AS number (0-4294967295)" + System.lineSeparator(), run.err());
    }

    @Test
    void reportsSettingsThatParseButCannotRun(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bad = dir.resolve("self.conf");
        java.nio.file.Files.writeString(bad, """
                neighbor 10.0.0.2 {
                  router-id 10.0.0.1;
                  local-as 65000;
                  peer-as 65001;
                  static { route 192.0.2.0/24 next-hop self; }
                }
                """);
        Run run = run("--config", bad.toString());
        assertEquals(2, run.exit(), run.out());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        org.junit.jupiter.api.Assertions.assertTrue(run.err().startsWith(bad.toString()), run.err());
    }

    @Test
    void takesTheFileAloneAsExaBgpUsersTypeIt() {
        Path file = Path.of("src", "test", "resources", "config", "attributes.conf");
        Run alone = run(file.toString());
        assertEquals(0, alone.exit(), alone.err());
        assertEquals(run("--config", file.toString()).out(), alone.out());
    }

    @Test
    void saysWhenNoFileOrTwoFilesAreGiven() {
        Run none = run();
        assertEquals(2, none.exit());
        org.junit.jupiter.api.Assertions.assertTrue(none.err().startsWith("Missing the configuration file"), none.err());
        Run two = run("--config", "a.conf", "b.conf");
        assertEquals(2, two.exit());
        org.junit.jupiter.api.Assertions.assertTrue(two.err().startsWith("Two configuration files given"), two.err());
    }
}
