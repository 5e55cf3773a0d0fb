package dev.twinbgp.jmh.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart written as SVG: one cluster of bars per group (e.g. a table shape), one bar
 * per series (e.g. a reactor pairing or an anchor daemon), each labelled with its value; any
 * benchmark's results fit (a unit, groups x series values, NaN for a missing bar).
 *
 * <p>Own code rather than a charting library: the SVG is plain text written in a fixed layout
 * (no AWT, no font metrics of the machine that ran the report), so the file committed to
 * {@code docs/} changes only when the figures do; JFreeChart + JFreeSVG or XChart +
 * VectorGraphics2D would add megabytes and a headless AWT to the benchmark jar for one picture.
 *
 * <p>{@code logScale}: decades on the value axis, for results spanning orders of magnitude (BIRD
 * in a tenth of a second, GoBGP in ten); otherwise linear from zero.
 *
 * @param values values[group][series], in {@code unit}
 */
public record BarChart(String title, String unit, List<String> groups, List<String> series, double[][] values,
                       boolean logScale) {
    private static final String[] COLORS = {"#4e79a7", "#a0cbe8", "#f28e2b", "#ffbe7d", "#59a14f", "#8cd17d",
        "#e15759", "#ff9d9a", "#b07aa1", "#9c755f"};
    private static final int BAR = 26;
    private static final int GAP = 34;
    private static final int LEFT = 70;
    private static final int TOP = 50;
    private static final int PLOT_HEIGHT = 300;
    private static final int LEGEND_COLUMN = 190;

    public BarChart {
        groups = List.copyOf(groups);
        series = List.copyOf(series);
        values = values.clone();
        for (int g = 0; g < values.length; g++) {
            values[g] = values[g].clone();
        }
        if (values.length != groups.size()) {
            throw new IllegalArgumentException("one row of values per group");
        }
        for (double[] row : values) {
            if (row.length != series.size()) {
                throw new IllegalArgumentException("one value per series in every group");
            }
        }
    }

    public String toSvg() {
        double max = 0;
        double min = Double.MAX_VALUE;
        for (double[] row : values) {
            for (double v : row) {
                if (v > 0 && !Double.isNaN(v)) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
        }
        Axis axis = logScale && max > 0 ? Axis.log(min, max) : Axis.linear(max);
        int clusterWidth = series.size() * BAR + GAP;
        int plotWidth = groups.size() * clusterWidth;
        int legendTop = TOP + PLOT_HEIGHT + 50;
        int legendRows = (series.size() + 2) / 3;
        // Fixed-width estimates (no font metrics): ~8 px per title character, 190 px per legend column.
        int width = Math.max(LEFT + plotWidth + 20, Math.max(LEFT + 3 * LEGEND_COLUMN, LEFT + title.length() * 9));
        plotWidth = width - LEFT - 20;
        clusterWidth = plotWidth / Math.max(1, groups.size());
        int height = legendTop + legendRows * 20 + 10;
        StringBuilder svg = new StringBuilder();
        svg.append(fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        svg.append(fmt("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(fmt("<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT, esc(title)));
        for (double tick : axis.ticks()) {
            int y = y(axis.fraction(tick));
            svg.append(fmt("<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n", LEFT, LEFT + plotWidth, y, y));
            svg.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4, number(tick)));
        }
        svg.append(fmt("<text transform=\"translate(16,%d) rotate(-90)\" text-anchor=\"middle\">%s%s</text>%n",
                TOP + PLOT_HEIGHT / 2, esc(unit), axis.log() ? " (log scale)" : ""));
        for (int g = 0; g < groups.size(); g++) {
            int x0 = LEFT + g * clusterWidth + (clusterWidth - series.size() * BAR) / 2;
            for (int s = 0; s < series.size(); s++) {
                double v = values[g][s];
                if (Double.isNaN(v) || v <= 0) {
                    continue;
                }
                int x = x0 + s * BAR;
                int y = y(axis.fraction(v));
                svg.append(fmt("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s, %s: %s %s</title></rect>%n",
                        x + 1, y, BAR - 2, TOP + PLOT_HEIGHT - y, color(s), esc(groups.get(g)), esc(series.get(s)),
                        number(v), esc(unit)));
                svg.append(fmt("<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>%n",
                        x + BAR / 2, y - 3, number(v)));
            }
            svg.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>%n",
                    x0 + series.size() * BAR / 2, TOP + PLOT_HEIGHT + 20, esc(groups.get(g))));
        }
        svg.append(fmt("<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, LEFT + plotWidth, TOP + PLOT_HEIGHT, TOP + PLOT_HEIGHT));
        for (int s = 0; s < series.size(); s++) {
            int x = LEFT + (s % 3) * LEGEND_COLUMN;
            int y = legendTop + (s / 3) * 20;
            svg.append(fmt("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", x, y - 10, color(s)));
            svg.append(fmt("<text x=\"%d\" y=\"%d\">%s</text>%n", x + 17, y, esc(series.get(s))));
        }
        return svg.append("</svg>\n").toString();
    }

    private static int y(double fraction) {
        return TOP + PLOT_HEIGHT - (int) Math.round(fraction * PLOT_HEIGHT);
    }

    private static String color(int series) {
        return COLORS[series % COLORS.length];
    }

    /** The value axis: where a value sits (0 at the bottom, 1 at the top) and its gridlines. */
    private record Axis(boolean log, double low, double high, List<Double> ticks) {
        static Axis linear(double max) {
            double step = niceStep(max <= 0 ? 1 : max / 5);
            double top = Math.max(step, Math.ceil(max / step) * step);
            List<Double> ticks = new ArrayList<>();
            for (int i = 0; i * step <= top + step / 2; i++) {
                ticks.add(i * step);
            }
            return new Axis(false, 0, top, ticks);
        }

        static Axis log(double min, double max) {
            int low = (int) Math.floor(Math.log10(min));
            int high = Math.max(low + 1, (int) Math.ceil(Math.log10(max)));
            List<Double> ticks = new ArrayList<>();
            for (int e = low; e <= high; e++) {
                ticks.add(Math.pow(10, e));
            }
            return new Axis(true, Math.pow(10, low), Math.pow(10, high), ticks);
        }

        double fraction(double v) {
            return log ? (Math.log10(v) - Math.log10(low)) / (Math.log10(high) - Math.log10(low)) : (v - low) / (high - low);
        }

        private static double niceStep(double raw) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double r = raw / magnitude;
            return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * magnitude;
        }
    }

    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return a >= 100 ? fmt("%.0f", v) : a >= 10 ? fmt("%.1f", v) : a >= 0.1 ? fmt("%.2f", v) : fmt("%.3g", v);
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
