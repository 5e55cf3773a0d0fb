package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.Ports;
import dev.twinbgp.speaker.session.SessionListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command applied under Api's lock ({@code create neighbor}, {@code delete neighbor}, {@code reload}) that gets
 * the lock after {@link Api#stopCommands} (it passed ControlServer's check, or a process's, and waited for the lock
 * the stop held) is refused as one that comes in after the stop began, and changes nothing. A real speaker; the
 * commands go through the executor as the control socket's and the processes' do.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiStoppingTest {
    @TempDir
    Path dir;

    @Test
    void commandsTakingTheLockAfterTheStopBeganAreRefused() throws Exception {
        int port = Ports.freeOn("127.0.0.2", "127.0.0.3", "127.0.0.4");
        Configuration config = ConfigParser.parse("stop.conf", """
                neighbor 127.0.0.3 { router-id 10.0.0.1; local-address 127.0.0.2; local-as 65001; peer-as 65002;
                  connect %d; }
                """.formatted(port));
        Api api = Api.create(config, Api.Options.defaults().withControlSocket(dir.resolve("ctl.sock"))
                .withReloadSource(() -> ConfigParser.parse("stop.conf", "")));
        BgpSpeaker speaker = BgpSpeaker.start("selector", ReactorConfig.defaults(), PeerSettingsMapper.map(config),
                Api.fanOut(api.listener(), SessionListener.NONE));
        try {
            api.start(speaker);
            api.stopCommands();
            CommandExecutor ex = api.executor();
            for (String line : List.of("create neighbor 127.0.0.4 local-address 127.0.0.2 local-as 65001 peer-as 65003"
                    + " router-id 10.0.0.1 connect " + port, "delete neighbor 127.0.0.3", "reload")) {
                Reply reply = ex.execute(CommandParser.parse(line), ex.neighbors()).get(30, TimeUnit.SECONDS);
                assertEquals(Reply.error(ControlServer.STOPPING), reply, line);
            }
            assertEquals(Reply.error(ControlServer.STOPPING), api.reload().get(30, TimeUnit.SECONDS), "SIGHUP's reload");
            // nothing changed: the configured neighbor runs on (the reload would have removed it), none was created
            assertEquals(List.of("127.0.0.3"), speaker.peers().stream().map(PeerDriver::name).toList());
        } finally {
            api.close();
            speaker.shutdown(Duration.ofSeconds(2));
        }
    }
}
