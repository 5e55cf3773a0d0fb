package dev.twinbgp.reactor.selector;

import dev.twinbgp.reactor.AbstractReactorContractTest;
import dev.twinbgp.reactor.Reactor;
import dev.twinbgp.reactor.ReactorConfig;

/** The reactor contract on the java.nio Selector reactor. */
class SelectorReactorContractTest extends AbstractReactorContractTest {
    @Override
    protected Reactor newReactor(ReactorConfig config) {
        return new SelectorReactorProvider().create(config);
    }

    @Override
    protected String expectedName() {
        return "selector";
    }
}
