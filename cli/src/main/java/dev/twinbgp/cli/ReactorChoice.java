package dev.twinbgp.cli;

import dev.twinbgp.speaker.config.ReactorKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which reactor {@code twinbgp run} uses, and where that choice came from. Precedence: the
 * {@code --reactor} flag, else the {@code TWINBGP_REACTOR} environment variable, else the
 * configuration's {@code twinbgp { reactor ...; }}, else {@link #DEFAULT} (netty, as ExaBGP 6
 * made its asyncio reactor the default).
 *
 * @param name   the reactor's name, e.g. {@code netty}
 * @param source where it came from, for the log: {@code --reactor}, {@code TWINBGP_REACTOR},
 *               {@code the configuration} or {@code the default}
 */
record ReactorChoice(String name, String source) {
    static final String DEFAULT = "netty";
    static final String ENV = "TWINBGP_REACTOR";

    /** A reactor name that no reactor on the class path has. */
    static final class UnknownReactor extends Exception {
        private static final long serialVersionUID = 1L;

        UnknownReactor(String message) {
            super(message);
        }
    }

    /**
     * @param flag      the {@code --reactor} value, or null
     * @param env       the {@code TWINBGP_REACTOR} value, or null (blank counts as unset)
     * @param config    the configuration's choice
     * @param available the reactors on the class path
     * @throws UnknownReactor when the chosen name is not available (one line, listing the available ones)
     */
    static ReactorChoice choose(String flag, String env, Optional<ReactorKind> config, List<String> available)
            throws UnknownReactor {
        ReactorChoice choice;
        if (flag != null && !flag.isBlank()) {
            choice = new ReactorChoice(normal(flag), "--reactor");
        } else if (env != null && !env.isBlank()) {
            choice = new ReactorChoice(normal(env), ENV);
        } else if (config.isPresent()) {
            choice = new ReactorChoice(config.get().toString(), "the configuration");
        } else {
            choice = new ReactorChoice(DEFAULT, "the default");
        }
        if (!available.contains(choice.name)) {
            throw new UnknownReactor("unknown reactor '" + choice.name + "' (from " + choice.source + "); available: "
                    + String.join(", ", available));
        }
        return choice;
    }

    private static String normal(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
