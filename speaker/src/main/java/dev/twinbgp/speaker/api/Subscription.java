package dev.twinbgp.speaker.api;

import dev.twinbgp.speaker.config.ApiConfig;
import java.util.Set;

/** One process listening to one neighbor, as a neighbor's {@code api { }} block says. */
record Subscription(ApiProcess process, Set<ApiConfig.Message> receive, Set<ApiConfig.Message> send,
                    boolean neighborChanges) {
}
