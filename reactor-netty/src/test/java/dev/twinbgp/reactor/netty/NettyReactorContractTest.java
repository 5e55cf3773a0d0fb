package dev.twinbgp.reactor.netty;

import dev.twinbgp.reactor.AbstractReactorContractTest;
import dev.twinbgp.reactor.Reactor;
import dev.twinbgp.reactor.ReactorConfig;

/** The reactor contract on Netty's NIO transport (the default). */
class NettyReactorContractTest extends AbstractReactorContractTest {
    @Override
    protected Reactor newReactor(ReactorConfig config) {
        return new NettyReactorProvider().create(config);
    }

    @Override
    protected String expectedName() {
        return "netty";
    }
}
