package dev.twinbgp.parity;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two lists of lines ({@code diff -u} style, 3 lines of context), from a longest common
 * subsequence. Written here rather than taken from a library: it is ~100 lines, traces are small, and the
 * common prefix and suffix (almost all of two traces that differ) are cut before the quadratic part. When
 * the differing middle is still huge, it is shown as one block replaced by another.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    private static final long MAX_CELLS = 4_000_000L;

    private UnifiedDiff() {
    }

    private enum Op { SAME, DEL, ADD }

    private record Edit(Op op, String line, int a, int b) { }

    /** Empty when the lists are equal; else {@code --- left}, {@code +++ right} and the hunks. */
    public static String diff(String leftName, List<String> left, String rightName, List<String> right) {
        if (left.equals(right)) {
            return "";
        }
        List<Edit> edits = edits(left, right);
        StringBuilder out = new StringBuilder("--- " + leftName + "\n+++ " + rightName + "\n");
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op == Op.SAME) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while the next change is within 2 * CONTEXT unchanged lines
            int lastChange = i;
            for (int j = i; j < edits.size(); j++) {
                if (edits.get(j).op != Op.SAME) {
                    lastChange = j;
                } else if (j - lastChange > 2 * CONTEXT) {
                    break;
                }
                end = j;
            }
            end = Math.min(edits.size() - 1, lastChange + CONTEXT);
            hunk(out, edits.subList(start, end + 1));
            i = end + 1;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Edit> hunk) {
        int aStart = -1;
        int bStart = -1;
        int aLen = 0;
        int bLen = 0;
        for (Edit e : hunk) {
            if (e.op != Op.ADD) {
                aLen++;
                if (aStart < 0) {
                    aStart = e.a;
                }
            }
            if (e.op != Op.DEL) {
                bLen++;
                if (bStart < 0) {
                    bStart = e.b;
                }
            }
        }
        out.append("@@ -").append(aStart < 0 ? 0 : aStart + 1).append(',').append(aLen)
                .append(" +").append(bStart < 0 ? 0 : bStart + 1).append(',').append(bLen).append(" @@\n");
        for (Edit e : hunk) {
            out.append(switch (e.op) {
                case SAME -> ' ';
                case DEL -> '-';
                case ADD -> '+';
            }).append(e.line).append('\n');
        }
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            edits.add(new Edit(Op.SAME, a.get(i), i, i));
        }
        int n = a.size() - prefix - suffix;
        int m = b.size() - prefix - suffix;
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                edits.add(new Edit(Op.DEL, a.get(prefix + i), prefix + i, -1));
            }
            for (int j = 0; j < m; j++) {
                edits.add(new Edit(Op.ADD, b.get(prefix + j), -1, prefix + j));
            }
        } else {
            // lcs[i][j]: length of the LCS of a[prefix+i..] and b[prefix+j..]
            int[][] lcs = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    lcs[i][j] = a.get(prefix + i).equals(b.get(prefix + j)) ? lcs[i + 1][j + 1] + 1
                            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            while (i < n || j < m) {
                if (i < n && j < m && a.get(prefix + i).equals(b.get(prefix + j))) {
                    edits.add(new Edit(Op.SAME, a.get(prefix + i), prefix + i, prefix + j));
                    i++;
                    j++;
                } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                    edits.add(new Edit(Op.DEL, a.get(prefix + i), prefix + i, -1)); // deletions first, as diff -u
                    i++;
                } else {
                    edits.add(new Edit(Op.ADD, b.get(prefix + j), -1, prefix + j));
                    j++;
                }
            }
        }
        for (int k = suffix; k > 0; k--) {
            int ai = a.size() - k;
            int bi = b.size() - k;
            edits.add(new Edit(Op.SAME, a.get(ai), ai, bi));
        }
        return edits;
    }
}
