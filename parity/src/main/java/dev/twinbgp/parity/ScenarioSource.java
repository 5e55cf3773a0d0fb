package dev.twinbgp.parity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where scenarios come from: the bundled ones (resources {@code parity/scenarios/*.scenario}, listed in
 * {@code parity/scenarios/index.txt} because a jar cannot be listed portably), or files and directories
 * (every {@code *.scenario} directly inside, sorted by name); a name that is no file but a bundled
 * scenario's name means that scenario.
 */
public final class ScenarioSource {
    private static final String BUNDLED = "parity/scenarios/";

    private ScenarioSource() {
    }

    public static List<Scenario> bundled() throws ScenarioException {
        List<Scenario> out = new ArrayList<>();
        for (String name : bundledNames()) {
            out.add(ScenarioParser.parse("bundled:" + name, resource(name)));
        }
        return out;
    }

    public static List<String> bundledNames() throws ScenarioException {
        return resource("index.txt").lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** One bundled scenario by name (with or without {@code .scenario}). */
    public static Scenario bundled(String name) throws ScenarioException {
        String file = name.endsWith(".scenario") ? name : name + ".scenario";
        return ScenarioParser.parse("bundled:" + file, resource(file));
    }

    private static String resource(String name) throws ScenarioException {
        try (InputStream in = ScenarioSource.class.getClassLoader().getResourceAsStream(BUNDLED + name)) {
            if (in == null) {
                throw new ScenarioException("bundled:" + name + ": cannot read: no such bundled scenario");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException("bundled:" + name + ": cannot read: " + e.getMessage());
        }
    }

    /** Files as given; directories expanded to their {@code *.scenario} files, sorted. */
    public static List<Scenario> paths(List<Path> paths) throws ScenarioException {
        List<Scenario> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.list(p)) {
                    for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".scenario")).sorted().toList()) {
                        out.add(ScenarioParser.parse(f));
                    }
                } catch (IOException e) {
                    throw new ScenarioException(p + ": cannot read: " + e.getMessage());
                }
            } else if (!Files.exists(p) && bundledNames().contains(p + ".scenario")) {
                out.add(bundled(p.toString())); // a bundled scenario by name
            } else {
                out.add(ScenarioParser.parse(p));
            }
        }
        return out;
    }
}
