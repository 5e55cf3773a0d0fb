package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./twinbgp} launcher, its AOT cache and its JIT options (issue 18): whatever state the cache is in - none, made for
 * another jar, not a cache at all, stamped for other heap options, older than the jar - the launcher starts the
 * JVM with nothing on stdout but the command's output and nothing on stderr: users never see the JVM's
 * warnings about a cache it refuses (HotSpot prints them on stdout by default). Each case runs the real
 * launcher script from a copy of the repository's launcher files, with the built jar, in a temporary root.
 */
class LauncherAotJarIT {
    @TempDir
    Path root;

    @Test
    void noCacheStateMakesTheJvmPrintAnything() throws Exception {
        Path jar = copyLauncher();
        // `twinbgp --version` names no reactor: the launcher takes the default reactor's cache (twinbgp_reactor_guess)
        Path cache = root.resolve("cli/target/twinbgp-netty.aot");
        Path stamp = root.resolve("cli/target/twinbgp-netty.aot.stamp");
        String version = version();

        assertQuiet("no cache", version, Map.of());

        Files.writeString(cache, "not a cache\n");
        Files.writeString(stamp, stamp());
        newerThanJar(cache);
        assertQuiet("a file that is not a cache, with a matching stamp", version, Map.of());

        Path built = Path.of("target/twinbgp-netty.aot");
        if (Files.isRegularFile(built)) { // a JDK 25+ build: a real cache, but trained on another path of the jar
            Files.copy(built, cache, StandardCopyOption.REPLACE_EXISTING);
            newerThanJar(cache);
            assertQuiet("a cache made for another jar", version, Map.of());
            assertQuiet("a cache refused for an option of the user's (object headers other than the cache's)", version,
                    Map.of("TWINBGP_JAVA_OPTS", "-XX:-UseCompactObjectHeaders"));
        }
        assertQuiet("a cache stamped for other heap options", version, Map.of("TWINBGP_HEAP_OPTS", "-XX:+UseParallelGC"));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(cache).toMillis() + 10_000));
        assertQuiet("a cache older than the jar", version, Map.of());
        assertQuiet("TWINBGP_AOT=off", version, Map.of("TWINBGP_AOT", "off"));
    }

    /**
     * The launcher runs the JVM with the quick compiler alone and its inlining limits (bin/jvm-options,
     * {@code twinbgp_jit_options}: measured in docs/benchmarks.md), {@code TWINBGP_JIT_OPTS} replaces them and an
     * empty one leaves the JDK's defaults (C2 too) - read back from the JVM the launcher started
     * ({@code -XX:+PrintFlagsFinal} marks what the command line set).
     */
    @Test
    void theJvmRunsWithTheLaunchersCompilerOptions() throws Exception {
        copyLauncher();
        String flags = launch("the launcher's options", Map.of("TWINBGP_JAVA_OPTS", "-XX:+PrintFlagsFinal"));
        assertEquals("1 {command line}", flag(flags, "TieredStopAtLevel"), flags);
        assertEquals("70 {command line}", flag(flags, "C1MaxInlineSize"), flags);
        assertEquals("20 {command line}", flag(flags, "C1InlineStackLimit"), flags);

        flags = launch("TWINBGP_JIT_OPTS set", Map.of("TWINBGP_JAVA_OPTS", "-XX:+PrintFlagsFinal", "TWINBGP_JIT_OPTS",
                "-XX:FreqInlineSize=100 -XX:InlineSmallCode=1000"));
        assertEquals("100 {command line}", flag(flags, "FreqInlineSize"), flags);
        assertEquals("1000 {command line}", flag(flags, "InlineSmallCode"), flags);
        assertTrue(flag(flags, "TieredStopAtLevel").endsWith("{default}"), flags);
        assertTrue(flag(flags, "C1MaxInlineSize").endsWith("{default}"), flags);

        flags = launch("TWINBGP_JIT_OPTS empty", Map.of("TWINBGP_JAVA_OPTS", "-XX:+PrintFlagsFinal", "TWINBGP_JIT_OPTS", ""));
        assertTrue(flag(flags, "TieredStopAtLevel").endsWith("{default}"), flags);
        assertTrue(flag(flags, "C1InlineStackLimit").endsWith("{default}"), flags);
    }

    /**
     * Where the kernel offers transparent huge pages ("madvise" or "always"), the launcher asks for them with one code
     * cache segment and a young generation 2 MiB smaller (bin/jvm-options, measured in docs/benchmarks.md); where it
     * does not ("never", or no such file), it leaves them out - the JVM would warn about the flag. Read back from the
     * JVM the launcher started on this machine, and from the options function for each mode.
     */
    @Test
    void hugePagesOnlyWhereTheKernelOffersThem() throws Exception {
        copyLauncher();
        String mode = Files.isReadable(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"))
                ? Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")) : "";
        boolean offered = mode.contains("[madvise]") || mode.contains("[always]");
        String flags = launch("this machine's mode: " + mode.strip(), Map.of("TWINBGP_JAVA_OPTS", "-XX:+PrintFlagsFinal"));
        // `--version` names no reactor: netty's young generation (14m, 10m with huge pages)
        assertEquals((offered ? 10 : 14) * 1024 * 1024 + " {command line}", flag(flags, "NewSize"), flags);
        if (offered) {
            assertEquals("true {command line}", flag(flags, "UseTransparentHugePages"), flags);
            assertEquals("false {command line}", flag(flags, "SegmentedCodeCache"), flags);
        } else {
            assertEquals("false {default}", flag(flags, "UseTransparentHugePages"), flags);
        }

        Path kernel = root.resolve("thp-enabled");
        for (String m : List.of("always [madvise] never", "[always] madvise never", "always madvise [never]", "")) {
            Files.writeString(kernel, m + "\n");
            boolean on = !m.contains("[never]") && !m.isEmpty();
            String options = heapOptions(kernel, "selector");
            assertEquals(on, options.contains("-XX:+UseTransparentHugePages"), m + ": " + options);
            assertEquals(on, options.contains("-XX:-SegmentedCodeCache"), m + ": " + options);
            assertTrue(options.contains(on ? "-Xmn14m" : "-Xmn16m"), m + ": " + options);
        }
        Files.delete(kernel);
        assertTrue(heapOptions(kernel, "netty").contains("-Xmn14m"), "no such file: no huge pages");
        Files.writeString(kernel, "always [madvise] never\n");
        assertTrue(heapOptions(kernel, "netty").contains("-Xmn10m"), "netty with huge pages");
    }

    /** twinbgp_heap_options_for's options for REACTOR with the kernel's THP mode read from {@code kernel}. */
    private String heapOptions(Path kernel, String reactor) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", ". bin/jdk.sh && . bin/jvm-options && twinbgp_thp_mode_file=\"$1\" "
                + "&& twinbgp_heap_options_for \"$JAVA_HOME\" \"$2\" && echo \"$twinbgp_heap_options\"", "options",
                kernel.toString(), reactor).directory(root.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    /** {@code NAME = VALUE ... {ORIGIN}} of -XX:+PrintFlagsFinal's line for NAME, as "VALUE {ORIGIN}". */
    private static String flag(String printFlagsFinal, String name) {
        for (String line : printFlagsFinal.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 4 && words[1].equals(name) && words[2].equals("=")) {
                return words[3] + " " + line.substring(line.lastIndexOf('{')); // the origin: {default}, {command line}
            }
        }
        throw new AssertionError(name + " not in the JVM's flags:\n" + printFlagsFinal);
    }

    /** Copies the launcher's files and the built jar into the temporary root; returns the jar's copy. */
    private Path copyLauncher() throws IOException {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("cli/target"));
        for (String f : List.of("twinbgp", "bin/jdk.sh", "bin/jvm-options")) {
            Files.copy(repo.resolve(f), root.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path jar = root.resolve("cli/target/twinbgp.jar");
        Files.copy(Path.of("target/twinbgp.jar"), jar);
        return jar;
    }

    /**
     * The launcher takes the AOT cache of the reactor the run will use (one cache per reactor: each maps its classes
     * resident), by the CLI's precedence: --reactor, TWINBGP_REACTOR, the configuration's reactor, netty.
     */
    @Test
    void theCacheIsTheOneOfTheReactorTheRunWillUse() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path conf = root.resolve("virtual.conf");
        Files.writeString(conf, "twinbgp { reactor virtual; }\nneighbor 127.0.0.1 { local-as 1; peer-as 2; }\n");
        assertEquals("selector", guess(repo, Map.of(), "run", "--reactor", "selector", "--config", conf.toString()));
        assertEquals("netty", guess(repo, Map.of(), "run", "--reactor=NETTY", conf.toString()));
        assertEquals("selector", guess(repo, Map.of("TWINBGP_REACTOR", "selector"), "run", "-c", conf.toString()));
        assertEquals("virtual", guess(repo, Map.of(), "run", "--config", conf.toString()));
        assertEquals("virtual", guess(repo, Map.of(), "run", "--config=" + conf));
        assertEquals("virtual", guess(repo, Map.of(), "run", conf.toString(), "--log-level", "warn"));
        assertEquals("netty", guess(repo, Map.of(), "run", "--events", conf.toString()));
        assertEquals("netty", guess(repo, Map.of(), "--version"));
        assertEquals("netty", guess(repo, Map.of("TWINBGP_REACTOR", "nonsense"), "run"));
        // blank is unset, as the CLI takes it; a commented-out reactor line is no reactor line
        assertEquals("virtual", guess(repo, Map.of("TWINBGP_REACTOR", " "), "run", "--config", conf.toString()));
        Path commented = root.resolve("commented.conf");
        Files.writeString(commented, "twinbgp { reactor virtual; }\n# reactor selector;\n"
                + "neighbor 127.0.0.1 { local-as 1; peer-as 2; } # reactor selector;\n");
        assertEquals("virtual", guess(repo, Map.of(), "run", "--config", commented.toString()));
    }

    private static String guess(Path repo, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "-c", ". bin/jvm-options && twinbgp_reactor_guess \"$@\"", "guess"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        pb.environment().remove("TWINBGP_REACTOR");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    /** The stamp the launcher expects for this JDK and the netty cache (the reactor's heap options), as bin/jvm-options writes it. */
    private String stamp() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", ". bin/jdk.sh && . bin/jvm-options && twinbgp_heap_options_for \"$JAVA_HOME\" netty && twinbgp_aot_stamp \"$JAVA_HOME\"")
                .directory(root.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    private void newerThanJar(Path cache) throws IOException {
        Path jar = root.resolve("cli/target/twinbgp.jar");
        Files.setLastModifiedTime(cache, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
    }

    private String version() throws Exception {
        try (JarProcess p = JarProcess.start("--version")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            return String.join("\n", p.out);
        }
    }

    private void assertQuiet(String state, String version, Map<String, String> env) throws Exception {
        assertEquals(version, launch(state, env), state + ": stdout holds only the command's output");
    }

    /** {@code twinbgp --version} by the copied launcher with ENV (STATE names the case) (and none of the user's options): its stdout. */
    private String launch(String state, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("twinbgp").toString(), "--version");
        for (String name : List.of("TWINBGP_JAVA_OPTS", "TWINBGP_HEAP_OPTS", "TWINBGP_JIT_OPTS", "TWINBGP_AOT")) {
            pb.environment().remove(name);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), state + ": the launcher did not end");
        assertEquals(0, p.exitValue(), state + ": " + err);
        assertEquals("", err, state + ": nothing on stderr");
        return out;
    }
}
