package dev.twinbgp.parity;

import dev.twinbgp.reactor.ReactorConfig;
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
 * @param reactorConfig the reactors' configuration: the defaults, or the {@code water-marks:} line's bounds
 */
public record Scenario(String name, String source, String description, String config, List<Step> steps,
                       ReactorConfig reactorConfig) {
    public Scenario {
        steps = List.copyOf(steps);
    }

    /** A scenario on the reactors' default configuration ({@link ReactorConfig#defaults()}). */
    public Scenario(String name, String source, String description, String config, List<Step> steps) {
        this(name, source, description, config, steps, ReactorConfig.defaults());
    }

    /** How many connections the script plays (its {@code accept} and {@code connect} steps). */
    int sessions() {
        return (int) steps.stream().map(Step::unwrap)
                .filter(s -> s instanceof Step.Accept || s instanceof Step.Connect).count();
    }
}
