package dev.twinbgp.parity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Differential fuzzing: each case ({@link FuzzCase}) is replayed on every reactor, and the normalised traces
 * (from the neighbor's start to its first {@code down}: every message received, the NOTIFICATION sent, the
 * states) must be identical. One {@link FuzzSpeaker} per reactor serves all the cases.
 */
public final class FuzzCampaign {
    /** A case whose traces differ; {@link #replay()} is the command that plays exactly this case again. */
    public record Difference(int index, FuzzCase fuzzCase, String diff) {
        public String replay() {
            return "./twinbgp parity --fuzz-case " + fuzzCase.seed();
        }

        public String report() {
            return "fuzz case " + index + " (seed " + fuzzCase.seed() + "): " + fuzzCase.description()
                    + "\nreplay: " + replay() + "\n" + diff;
        }
    }

    /** @param differences every case whose traces differ (empty: the reactors agreed on every case) */
    public record Outcome(int cases, List<Difference> differences) {
        public Outcome {
            differences = List.copyOf(differences);
        }
    }

    private FuzzCampaign() {
    }

    /** Runs {@code count} cases of the campaign {@code seed} on every reactor. */
    public static Outcome run(List<String> reactors, long seed, int count) throws IOException, InterruptedException {
        List<Long> seeds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seeds.add(FuzzCase.caseSeed(seed, i));
        }
        return runSeeds(reactors, seeds);
    }

    /** Runs the cases with these seeds (one, to replay a case). */
    public static Outcome runSeeds(List<String> reactors, List<Long> caseSeeds) throws IOException, InterruptedException {
        List<FuzzSpeaker> speakers = new ArrayList<>();
        try {
            for (String reactor : reactors) {
                speakers.add(new FuzzSpeaker(reactor, caseSeeds.size()));
            }
            List<Difference> differences = new ArrayList<>();
            for (int i = 0; i < caseSeeds.size(); i++) {
                FuzzCase c = FuzzCase.generate(caseSeeds.get(i));
                List<String> first = speakers.getFirst().play(c, i);
                StringBuilder diff = new StringBuilder();
                for (int k = 1; k < speakers.size(); k++) {
                    List<String> other = speakers.get(k).play(c, i);
                    diff.append(UnifiedDiff.diff(reactors.getFirst(), first, reactors.get(k), other));
                }
                if (!diff.isEmpty()) {
                    differences.add(new Difference(i, c, diff.toString()));
                }
            }
            return new Outcome(caseSeeds.size(), differences);
        } finally {
            speakers.forEach(FuzzSpeaker::close);
        }
    }

    /** The normalised trace of one case on one reactor (for {@code --show-trace}). */
    public static List<String> trace(String reactor, long caseSeed) throws IOException, InterruptedException {
        try (FuzzSpeaker speaker = new FuzzSpeaker(reactor, 1)) {
            return speaker.play(FuzzCase.generate(caseSeed), 0);
        }
    }
}
