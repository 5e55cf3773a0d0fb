package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.RouteKey;
import dev.twinbgp.speaker.session.PeerSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a configuration reload changes for one neighbor whose session settings stayed the same: the routes of the
 * old configuration that the new one no longer has (withdrawn), and the routes that are new or carry other
 * attributes (announced). Routes announced by the API are not the configuration's and are left alone, as ExaBGP's
 * reload does (its RIB replaces the previous configuration's routes with the current ones).
 */
record RouteDiff(List<RouteKey> withdrawn, List<Route> announced) {

    static RouteDiff of(List<Route> before, List<Route> after) {
        Map<RouteKey, Route> old = new LinkedHashMap<>();
        before.forEach(r -> old.put(r.key(), r));
        Map<RouteKey, Route> next = new LinkedHashMap<>();
        after.forEach(r -> next.put(r.key(), r));
        List<RouteKey> withdrawn = new ArrayList<>();
        old.keySet().forEach(k -> {
            if (!next.containsKey(k)) {
                withdrawn.add(k);
            }
        });
        List<Route> announced = new ArrayList<>();
        next.forEach((k, r) -> {
            if (!r.equals(old.get(k))) {
                announced.add(r);
            }
        });
        return new RouteDiff(List.copyOf(withdrawn), List.copyOf(announced));
    }

    boolean isEmpty() {
        return withdrawn.isEmpty() && announced.isEmpty();
    }

    /**
     * True when two settings of one neighbor differ in more than their routes: the session must be reset for the
     * change to take effect (ExaBGP compares its neighbors without their routes the same way).
     */
    static boolean sessionChanged(PeerSettings a, PeerSettings b) {
        return !a.withRoutes(List.of()).equals(b.withRoutes(List.of()));
    }
}
