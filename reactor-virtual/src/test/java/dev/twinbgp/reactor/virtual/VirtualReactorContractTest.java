package dev.twinbgp.reactor.virtual;

import dev.twinbgp.reactor.AbstractReactorContractTest;
import dev.twinbgp.reactor.Reactor;
import dev.twinbgp.reactor.ReactorConfig;

/** The reactor contract on the virtual-thread reactor. */
class VirtualReactorContractTest extends AbstractReactorContractTest {
    @Override
    protected Reactor newReactor(ReactorConfig config) {
        return new VirtualReactorProvider().create(config);
    }

    @Override
    protected String expectedName() {
        return "virtual";
    }
}
