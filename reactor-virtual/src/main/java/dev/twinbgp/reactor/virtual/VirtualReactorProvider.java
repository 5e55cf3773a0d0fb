package dev.twinbgp.reactor.virtual;

import dev.twinbgp.reactor.Reactor;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.reactor.ReactorProvider;

/** ServiceLoader entry for the reactor on virtual threads, named {@code virtual}. */
public final class VirtualReactorProvider implements ReactorProvider {
    static final String NAME = "virtual";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Reactor create(ReactorConfig config) {
        return new VirtualReactor(config);
    }
}
