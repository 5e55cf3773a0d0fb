package dev.twinbgp.speaker.healthcheck;

import java.util.List;
import java.util.Optional;

/**
 * What {@code twinbgp healthcheck} announces, with ExaBGP's option names.
 *
 * @param ips               {@code --ip}: the prefixes (CIDR) announced, in order (after {@code --start-ip})
 * @param nextHop           {@code --next-hop}, empty for {@code self}
 * @param upMetric          MED of the first prefix when UP ({@code --up-metric}, 100)
 * @param downMetric        when DOWN ({@code --down-metric}, 1000)
 * @param disabledMetric    when DISABLED ({@code --disabled-metric}, 500)
 * @param increase          added to the MED for each further prefix ({@code --increase}, 1)
 * @param localPreference   {@code --local-preference}, -1 for none
 * @param community         {@code --community}, announced as {@code community [ C ]}
 * @param disabledCommunity {@code --disabled-community}: replaces it when DOWN or DISABLED
 * @param extendedCommunity {@code --extended-community}
 * @param largeCommunity    {@code --large-community}
 * @param asPath            {@code --as-path}; {@code --up-as-path} etc. replace it in their state
 * @param withdrawOnDown    {@code --withdraw-on-down}: withdraw instead of a worse MED when not UP
 * @param pathId            {@code --path-id}, empty for none
 * @param neighbors         {@code --neighbor}: only to these neighbors ({@code neighbor A, neighbor B announce ...})
 */
public record HealthOptions(List<String> ips, Optional<String> nextHop, int upMetric, int downMetric, int disabledMetric,
                            int increase, long localPreference, Optional<String> community,
                            Optional<String> disabledCommunity, Optional<String> extendedCommunity,
                            Optional<String> largeCommunity, Optional<String> asPath, Optional<String> upAsPath,
                            Optional<String> downAsPath, Optional<String> disabledAsPath, boolean withdrawOnDown,
                            Optional<Long> pathId, List<String> neighbors) {
    public HealthOptions {
        ips = List.copyOf(ips);
        neighbors = List.copyOf(neighbors);
    }
}
