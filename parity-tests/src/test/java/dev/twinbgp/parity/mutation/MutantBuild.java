package dev.twinbgp.parity.mutation;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a mutant without touching the sources on disk: copies its one source file from
 * {@code reactor-REACTOR/src/main/java} into {@code target/mutants/ID/src}, applies the edits there (each must
 * match exactly once, so a catalog that no longer fits the code fails loudly instead of testing nothing),
 * and compiles that copy against the real classes into {@code target/mutants/ID/classes}. Put first on a
 * class path, those classes shadow the real ones; everything else stays the real reactor.
 */
final class MutantBuild {
    private MutantBuild() {
    }

    /** The directory of compiled mutant classes. */
    static Path build(Mutant m, Path root, Path work, String classPath) throws IOException {
        Path source = root.resolve("reactor-" + m.reactor()).resolve("src/main/java").resolve(m.file());
        if (!Files.isRegularFile(source)) {
            throw new IOException("mutant " + m.id() + ": no source " + source);
        }
        String text = Files.readString(source);
        for (Mutant.Edit e : m.edits()) {
            int at = text.indexOf(e.find());
            if (at < 0 || text.indexOf(e.find(), at + 1) >= 0) {
                throw new IOException("mutant " + m.id() + ": '" + e.find().replace("\n", "\\n") + "' must occur exactly once in "
                        + m.file() + (at < 0 ? " (not found)" : " (found more than once)"));
            }
            text = text.substring(0, at) + e.replace() + text.substring(at + e.find().length());
        }
        Path dir = work.resolve(m.id());
        Path src = dir.resolve("src").resolve(m.file());
        Path classes = dir.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, text);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IOException("no Java compiler: run the harness on a JDK");
        }
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of("--release", "21", "-proc:none", "-nowarn", "-Xlint:none",
                "-cp", classPath, "-d", classes.toString());
        var fm = javac.getStandardFileManager(null, null, null);
        boolean ok = javac.getTask(diagnostics, fm, null, options, null, fm.getJavaFileObjects(src)).call();
        fm.close();
        if (!ok) {
            throw new IOException("mutant " + m.id() + " does not compile:\n" + diagnostics);
        }
        return classes;
    }
}
