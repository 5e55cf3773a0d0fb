package dev.twinbgp.reactor.netty;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twinbgp.reactor.AbstractReactorContractTest;
import dev.twinbgp.reactor.Reactor;
import dev.twinbgp.reactor.ReactorConfig;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.BeforeAll;

/** The reactor contract on Netty's native epoll transport ({@code preferNative}), where it loads. */
class NettyEpollContractTest extends AbstractReactorContractTest {
    @BeforeAll
    static void epollAvailable() {
        assumeTrue(Epoll.isAvailable(), "native epoll not available here");
    }

    @Override
    protected Reactor newReactor(ReactorConfig config) {
        NettyReactor r = (NettyReactor) new NettyReactorProvider().create(config.withPreferNative(true));
        if (!"epoll".equals(r.transportName())) {
            r.close();
            throw new IllegalStateException("expected epoll, got " + r.transportName());
        }
        return r;
    }

    @Override
    protected String expectedName() {
        return "netty";
    }
}
