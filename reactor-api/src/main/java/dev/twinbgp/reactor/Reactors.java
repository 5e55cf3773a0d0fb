package dev.twinbgp.reactor;

import java.util.List;
import java.util.ServiceLoader;

/** Finds reactors by name among the {@link ReactorProvider}s on the class path. */
public final class Reactors {
    private Reactors() {
    }

    /** Names of every reactor on the class path, sorted. */
    public static List<String> available() {
        return providers().stream().map(ReactorProvider::name).sorted().toList();
    }

    /**
     * Starts the reactor called {@code name}.
     *
     * @throws IllegalArgumentException "unknown reactor 'foo'; available: netty, selector"
     */
    public static Reactor create(String name, ReactorConfig config) {
        for (ReactorProvider p : providers()) {
            if (p.name().equals(name)) return p.create(config);
        }
        throw new IllegalArgumentException("unknown reactor '" + name + "'; available: " + String.join(", ", available()));
    }

    private static List<ReactorProvider> providers() {
        return ServiceLoader.load(ReactorProvider.class, Reactors.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }
}
