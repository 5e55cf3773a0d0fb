package dev.twinbgp.jmh.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twinbgp.jmh.anchor.Anchor;
import dev.twinbgp.jmh.anchor.AnchorReport;
import dev.twinbgp.jmh.transfer.Pairing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chart of the full-table transfer and its anchors: seconds per 1,000,000 prefixes (each
 * mean receive time scaled by 1,000,000 / N) from Established to the receiver holding the table,
 * one cluster per table shape and N, one bar per twinbgp pairing and per anchor and sender.
 */
public final class TransferChart {
    private TransferChart() {
    }

    /** Null when the results hold neither benchmark. */
    public static BarChart of(JsonNode results) {
        Map<String, Map<String, Double>> twinbgp = AnchorReport.twinbgpSeconds(results);
        Map<String, Map<String, Double>> anchors = AnchorReport.receivedSeconds(results);
        Set<String> groups = new LinkedHashSet<>(twinbgp.keySet());
        groups.addAll(anchors.keySet());
        if (groups.isEmpty()) {
            return null;
        }
        List<String> series = new ArrayList<>();
        for (Pairing p : Pairing.values()) {
            if (twinbgp.values().stream().anyMatch(m -> m.containsKey(p.label()))) {
                series.add(p.label());
            }
        }
        for (Anchor a : Anchor.values()) {
            for (String sender : ReactorColumns.ORDER) {
                String label = AnchorReport.label(a, sender);
                if (anchors.values().stream().anyMatch(m -> m.containsKey(label))) {
                    series.add(label);
                }
            }
        }
        List<String> groupList = List.copyOf(groups);
        double[][] values = new double[groupList.size()][series.size()];
        for (int g = 0; g < groupList.size(); g++) {
            String key = groupList.get(g);
            Map<String, Double> row = new LinkedHashMap<>(twinbgp.getOrDefault(key, Map.of()));
            row.putAll(anchors.getOrDefault(key, Map.of()));
            double perMillion = 1e6 / prefixes(key);
            for (int s = 0; s < series.size(); s++) {
                Double v = row.get(series.get(s));
                values[g][s] = v == null ? Double.NaN : v * perMillion;
            }
        }
        return new BarChart("Full-table transfer: Established → table held, per 1M prefixes",
                "seconds per 1M prefixes", groupList, series, values, true);
    }

    /** N from a key like "packed, N = 100,000". */
    private static double prefixes(String key) {
        return Double.parseDouble(key.substring(key.indexOf("N = ") + 4).replace(",", ""));
    }
}
