package dev.twinbgp.speaker.session;

import dev.twinbgp.reactor.Reactors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one list of reactors for every test that runs "on every reactor": the reactors the ServiceLoader finds
 * ({@link Reactors#available()}), so a new reactor module is picked up by all of them. Parameterised tests take it
 * as {@code @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")}.
 *
 * <p>A reactor missing from a test class path (a forgotten dependency) would make those tests run on fewer
 * reactors without a word, so the list is checked against the build's own reactor modules (the root
 * {@code pom.xml}'s {@code <module>reactor-NAME</module>}, all but {@code reactor-api}): any difference fails.
 */
public final class EveryReactor {
    private static final Pattern MODULE = Pattern.compile("<module>reactor-([a-z0-9]+)</module>");

    private EveryReactor() {
    }

    /** The names of every reactor, sorted; fails when the class path lacks a reactor module the build has. */
    public static List<String> names() {
        List<String> available = Reactors.available();
        List<String> modules = modules();
        if (modules != null && !modules.equals(available)) {
            throw new AssertionError("the reactors on this class path " + available + " are not the build's reactor"
                    + " modules " + modules + ": add the missing ones as dependencies of this module");
        }
        if (available.isEmpty()) {
            throw new AssertionError("no reactor on the class path");
        }
        return available;
    }

    /** The reactor modules of the root pom, sorted; null when the tests do not run inside the source tree. */
    static List<String> modules() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>reactor-api</module>")) {
                    List<String> names = new ArrayList<>();
                    Matcher m = MODULE.matcher(Files.readString(pom));
                    while (m.find()) {
                        if (!m.group(1).equals("api")) {
                            names.add(m.group(1));
                        }
                    }
                    return names.stream().sorted().toList();
                }
            } catch (IOException e) {
                throw new AssertionError("cannot read " + pom, e);
            }
        }
        return null;
    }
}
