package dev.twinbgp.speaker.healthcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API commands a state sends, one per prefix, exactly as ExaBGP's healthcheck writes them, e.g.
 * {@code announce route 192.0.2.1/32 next-hop self med 100 community [ 65000:1 ]}. They are sent for UP, DOWN,
 * DISABLED and EXIT only, again after every check (a peer that lost the session meanwhile gets them back), and
 * nothing for the passing states.
 */
public final class Announcements {
    private Announcements() {
    }

    public static List<String> commands(HealthOptions o, HealthState target) {
        if (target != HealthState.UP && target != HealthState.DOWN && target != HealthState.DISABLED
                && target != HealthState.EXIT) {
            return List.of();
        }
        int metric = switch (target) {
            case UP -> o.upMetric();
            case DOWN -> o.downMetric();
            case DISABLED -> o.disabledMetric();
            default -> 0;
        };
        Optional<String> asPath = switch (target) {
            case UP -> o.upAsPath();
            case DOWN -> o.downAsPath();
            case DISABLED -> o.disabledAsPath();
            default -> Optional.empty();
        };
        asPath = asPath.or(o::asPath);
        List<String> out = new ArrayList<>();
        for (String ip : o.ips()) {
            String command = (o.withdrawOnDown() || target == HealthState.EXIT)
                    ? (target == HealthState.UP ? "announce" : "withdraw") : "announce";
            StringBuilder route = new StringBuilder("route ").append(ip).append(" next-hop ").append(o.nextHop().orElse("self"));
            if (command.equals("announce")) {
                route.append(" med ").append(metric);
                if (o.localPreference() >= 0) route.append(" local-preference ").append(o.localPreference());
                Optional<String> community = o.community();
                if ((target == HealthState.DOWN || target == HealthState.DISABLED) && o.disabledCommunity().isPresent()) {
                    community = o.disabledCommunity();
                }
                community.ifPresent(c -> route.append(" community [ ").append(c).append(" ]"));
                o.extendedCommunity().ifPresent(c -> route.append(" extended-community [ ").append(c).append(" ]"));
                o.largeCommunity().ifPresent(c -> route.append(" large-community [ ").append(c).append(" ]"));
                asPath.ifPresent(p -> route.append(" as-path [ ").append(p).append(" ]"));
            }
            o.pathId().filter(id -> id != 0).ifPresent(id -> route.append(" path-information ").append(id));
            if (!o.neighbors().isEmpty()) {
                command = String.join(", ", o.neighbors().stream().map(n -> "neighbor " + n).toList()) + " " + command;
            }
            metric += o.increase();
            out.add(command + " " + route);
        }
        return out;
    }
}
