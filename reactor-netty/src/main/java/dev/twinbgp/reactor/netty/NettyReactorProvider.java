package dev.twinbgp.reactor.netty;

import dev.twinbgp.reactor.Reactor;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.reactor.ReactorProvider;

/** ServiceLoader entry for the Netty 4.2 reactor, named {@code netty}. */
public final class NettyReactorProvider implements ReactorProvider {
    static final String NAME = "netty";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Reactor create(ReactorConfig config) {
        return new NettyReactor(config);
    }
}
