package dev.twinbgp.speaker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/** The tests' one reactor list is the ServiceLoader's, and it holds every reactor module of the build. */
class EveryReactorTest {
    @Test
    void theServiceLoaderFindsEveryReactorModule() {
        assertNotNull(EveryReactor.modules(), "the root pom.xml above " + System.getProperty("user.dir"));
        assertEquals(EveryReactor.modules(), EveryReactor.names());
    }
}
