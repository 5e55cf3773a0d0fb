package dev.twinbgp.parity.mutation;

import java.util.List;

/**
 * One reactor mutant: a small, realistic change to one source file of a reactor module, the kind of
 * mistake a developer porting or touching a reactor makes. Declared as data in
 * {@code src/test/resources/mutants/REACTOR.mutants} ({@link MutantCatalog}), applied by {@link MutantBuild}
 * to a copy of the file under {@code target/} - never to the sources on disk.
 *
 * @param id      short unique name ({@code sel-close-discards-output})
 * @param reactor the reactor it mutates ({@code selector}, {@code netty}, ...): module {@code reactor-REACTOR}
 * @param duty    the duty of the reactor-api contract it breaks (read delivery, close with pending output ...)
 * @param breaks  one line: what the change does wrong
 * @param file    the source file, relative to {@code reactor-REACTOR/src/main/java}
 * @param edits   the textual edits, each of which must match the file exactly once
 * @param first   bundled scenarios, or {@code reactor-fuzz} (the reactor contract's fuzzer), to try first (an ordering only, to save time; every check still runs
 *                until one kills the mutant)
 * @param equivalent null, or why no peer can observe this mutant through the speaker as it is (an equivalent
 *                mutant: it still runs in a full run and is reported as such, but a survival does not fail the
 *                run, and a sample skips it)
 */
record Mutant(String id, String reactor, String duty, String breaks, String file, List<Edit> edits, List<String> first,
              String equivalent) {
    /** Replace the one occurrence of {@code find} by {@code replace}. */
    record Edit(String find, String replace) {
    }
}
