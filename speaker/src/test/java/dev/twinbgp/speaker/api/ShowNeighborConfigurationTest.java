package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.BgpSpeaker;
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
 * ExaBGP's {@code show neighbor configuration}: each neighbor's block in configuration syntax, as ExaBGP 4.2.21 prints
 * it (its {@code Neighbor.string}; the layout below is what it answered for the same two neighbors, blank lines and
 * all), filtered by a part of the neighbor's ExaBGP name. A real speaker and the control socket.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShowNeighborConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void eachNeighborsBlockAsExaBgpPrintsIt() throws Exception {
        int port = Ports.freeOn("127.0.0.2", "127.0.0.3", "127.0.0.4");
        Path script = ApiHarness.script(dir, "idle.sh", "exec cat > /dev/null\n");
        // nothing listens on the port: both neighbors stay down, which does not change their configuration
        Configuration config = ConfigParser.parse("show.conf", """
                process p { run /bin/sh %1$s; encoder text; }
                process q { run /bin/sh %1$s; encoder text; }
                neighbor 127.0.0.3 { router-id 10.0.0.1; local-address 127.0.0.2; local-as 65001; peer-as 65002;
                  connect %2$d; family { ipv4 unicast; ipv6 unicast; } api { processes [ p ]; } }
                neighbor 127.0.0.4 { description "second one"; router-id 10.0.0.1; local-address 127.0.0.2;
                  local-as 65001; peer-as 65003; hold-time 30; passive; family { ipv4 unicast; }
                  api { processes [ q ]; neighbor-changes; receive { parsed; update; } } }
                """.formatted(script, port));
        Path socket = dir.resolve("ctl.sock");
        Api api = Api.create(config, Api.Options.defaults().withControlSocket(socket));
        BgpSpeaker speaker = BgpSpeaker.start("selector", ReactorConfig.defaults(), PeerSettingsMapper.map(config),
                Api.fanOut(api.listener(), SessionListener.NONE));
        try {
            api.start(speaker);
            List<String> first = """
                    neighbor 127.0.0.3 {
                      description "";
                      router-id 10.0.0.1;
                      local-address 127.0.0.2;
                      local-as 65001;
                      peer-as 65002;
                      hold-time 180;
                      rate-limit disable;
                      manual-eor false;

                      passive false;

                      connect %d;
                      group-updates true;
                      auto-flush true;
                      adj-rib-in true;
                      adj-rib-out true;
                      md5-base64 false;
                      md5-ip "127.0.0.2";

                      capability {
                        asn4 enable;
                        route-refresh disable;
                        graceful-restart disable;
                        nexthop disable;
                        add-path disable;
                        multi-session disable;
                        operational disable;
                        aigp disable;
                      }
                      family {
                        ipv4 unicast;
                        ipv6 unicast;
                      }
                      nexthop {
                      }
                      add-path {
                      }
                      api {
                        processes [ p ];
                      }
                    }""".formatted(port).lines().toList();
            List<String> second = """
                    neighbor 127.0.0.4 {
                      description "second one";
                      router-id 10.0.0.1;
                      local-address 127.0.0.2;
                      local-as 65001;
                      peer-as 65003;
                      hold-time 30;
                      rate-limit disable;
                      manual-eor false;

                      passive true;
                      group-updates true;
                      auto-flush true;
                      adj-rib-in true;
                      adj-rib-out true;
                      md5-base64 false;
                      md5-ip "127.0.0.2";

                      capability {
                        asn4 enable;
                        route-refresh disable;
                        graceful-restart disable;
                        nexthop disable;
                        add-path disable;
                        multi-session disable;
                        operational disable;
                        aigp disable;
                      }
                      family {
                        ipv4 unicast;
                      }
                      nexthop {
                      }
                      add-path {
                      }
                      api {
                        processes [ q ];
                        neighbor-changes;
                        receive {
                          parsed;
                          update;
                        }
                      }
                    }""".lines().toList();
            Reply all = ControlClient.send(socket, "show neighbor configuration");
            assertTrue(all.ok(), all.toString());
            assertEquals(concat(first, second), all.lines());
            // ExaBGP's filter: a part of the neighbor's name (neighbor IP local-ip IP local-as N peer-as N ...)
            assertEquals(concat(first, second), ControlClient.send(socket, "show neighbor 127.0.0 configuration").lines());
            assertEquals(second, ControlClient.send(socket, "show neighbor 65003 configuration").lines());
            assertEquals(first, ControlClient.send(socket, "show neighbor configuration 127.0.0.3").lines());
            assertEquals(List.of(), ControlClient.send(socket, "show neighbor 192.0.2.1 configuration").lines());
        } finally {
            api.close();
            speaker.shutdown(Duration.ofSeconds(2));
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
