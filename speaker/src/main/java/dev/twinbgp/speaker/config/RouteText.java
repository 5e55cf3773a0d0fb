package dev.twinbgp.speaker.config;

import java.util.ArrayList;
import java.util.List;

/** Writes {@link RouteAttributes} back in ExaBGP syntax (which {@link RouteParser} reads again). */
public final class RouteText {
    private RouteText() {
    }

    /** E.g. {@code next-hop 1.2.3.4 origin igp as-path [ 1 2 ] community [ 65000:1 ]}. */
    public static String attributes(RouteAttributes a) {
        List<String> out = new ArrayList<>();
        a.nextHop().ifPresent(nh -> out.add("next-hop " + nh));
        a.pathInformation().ifPresent(id -> out.add("path-information " + id));
        a.rd().ifPresent(rd -> out.add("rd " + rd));
        if (a.labels().size() == 1) {
            out.add("label " + a.labels().get(0));
        } else if (!a.labels().isEmpty()) {
            list(out, "label", a.labels());
        }
        a.origin().ifPresent(origin -> out.add("origin " + origin));
        a.asPath().ifPresent(path -> out.add("as-path " + (path.isEmpty() ? "[ ]"
                : String.join(" ", path.stream().map(AsPathSegment::toString).toList()))));
        a.med().ifPresent(med -> out.add("med " + med));
        a.localPreference().ifPresent(pref -> out.add("local-preference " + pref));
        if (a.atomicAggregate()) {
            out.add("atomic-aggregate");
        }
        a.aggregator().ifPresent(agg -> out.add("aggregator " + agg));
        list(out, "community", a.communities());
        list(out, "large-community", a.largeCommunities());
        list(out, "extended-community", a.extendedCommunities());
        a.originatorId().ifPresent(id -> out.add("originator-id " + id));
        list(out, "cluster-list", a.clusterList());
        a.prefixSid().map(PrefixSidParser::text).ifPresent(out::add);
        a.aigp().ifPresent(metric -> out.add("aigp " + Long.toUnsignedString(metric)));
        for (GenericAttribute generic : a.genericAttributes()) {
            out.add("attribute " + generic);
        }
        a.split().ifPresent(split -> out.add("split /" + split));
        a.name().ifPresent(name -> out.add("name \"" + name + "\""));
        a.watchdog().ifPresent(dog -> out.add("watchdog " + dog));
        if (a.withdrawn()) {
            out.add("withdraw");
        }
        return String.join(" ", out);
    }

    /**
     * A Prefix-SID in the grammar ({@code bgp-prefix-sid [ 777 ]}, {@code bgp-prefix-sid-srv6 ( l3-service ... )}), or
     * null when it holds TLVs the grammar cannot write (received ones of other types, several services).
     */
    public static String prefixSid(dev.twinbgp.bgp.wire.attribute.Attribute.PrefixSid sid) {
        return PrefixSidParser.text(sid);
    }

    private static void list(List<String> out, String keyword, List<?> values) {
        if (!values.isEmpty()) {
            out.add(keyword + " [ " + String.join(" ", values.stream().map(Object::toString).toList()) + " ]");
        }
    }
}
