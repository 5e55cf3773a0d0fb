package dev.twinbgp.parity;

import java.util.List;

/**
 * A parsed scenario: the speaker's configuration (ExaBGP syntax, with the placeholders {@code $PEER_PORT}
 * and {@code $SPEAKER_PORT} still in it) and the scripted peer's steps.
 *
 * @param name        the file name without {@code .scenario}
 * @param source      where it came from (a path, or {@code bundled:NAME}), for messages
 * @param description the {@code description:} line, or empty
 * @param config      the configuration text, padded with empty lines so its line numbers are the file's
 * @param steps       the script
 */
public record Scenario(String name, String source, String description, String config, List<Step> steps) {
    public Scenario {
        steps = List.copyOf(steps);
    }

    /** How many connections the script plays (its {@code accept} and {@code connect} steps). */
    int sessions() {
        return (int) steps.stream().map(Step::unwrap)
                .filter(s -> s instanceof Step.Accept || s instanceof Step.Connect).count();
    }
}
