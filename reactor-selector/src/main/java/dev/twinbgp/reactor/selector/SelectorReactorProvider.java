package dev.twinbgp.reactor.selector;

import dev.twinbgp.reactor.Reactor;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.reactor.ReactorProvider;

/** ServiceLoader entry for the hand-written java.nio reactor, named {@code selector}. */
public final class SelectorReactorProvider implements ReactorProvider {
    static final String NAME = "selector";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Reactor create(ReactorConfig config) {
        return new SelectorReactor(config);
    }
}
