package dev.switchboard.admin.rules;

import java.util.ArrayList;
import java.util.List;

/** A line diff (longest common subsequence) of two texts, for showing what changed between rule versions. */
final class LineDiff {

    /** One line: {@code " "} unchanged, {@code "+"} added, {@code "-"} removed. */
    record Line(String mark, String text) {

        public String kind() {
            return "+".equals(mark) ? "added" : "-".equals(mark) ? "removed" : "same";
        }
    }

    private LineDiff() {}

    static List<Line> of(String before, String after) {
        String[] a = before.isEmpty() ? new String[0] : before.split("\n");
        String[] b = after.split("\n");
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] =
                        a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Line> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                lines.add(new Line(" ", a[i++]));
                j++;
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                lines.add(new Line("-", a[i++]));
            } else {
                lines.add(new Line("+", b[j++]));
            }
        }
        while (i < a.length) {
            lines.add(new Line("-", a[i++]));
        }
        while (j < b.length) {
            lines.add(new Line("+", b[j++]));
        }
        return lines;
    }

    static boolean changed(List<Line> lines) {
        return lines.stream().anyMatch(l -> !" ".equals(l.mark()));
    }
}
