package dev.spinkube.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the tables of several {@link ClusterBench} runs side by side, joined on the figure's name, and when one run is
 * {@code upstream} adds a column per other run with the ratio of its figure to upstream's (the first number of each
 * cell: a time, a CPU time, a size, a count).
 * <p>
 * usage: Compare LABEL=TABLE_FILE... (in column order)
 */
public final class Compare {
    private static final Pattern ROW = Pattern.compile("^\\| (.+?) \\| (.+) \\|$");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    public static void main(String[] args) throws Exception {
        Map<String, Map<String, String>> runs = new LinkedHashMap<>();
        List<String> figures = new ArrayList<>();
        for (String arg : args) {
            String label = arg.substring(0, arg.indexOf('='));
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(Path.of(arg.substring(arg.indexOf('=') + 1)))) {
                Matcher m = ROW.matcher(line);
                if (m.matches() && !m.group(1).equals("figure") && !line.startsWith("|---")) {
                    values.put(m.group(1), m.group(2));
                    if (!figures.contains(m.group(1))) {
                        figures.add(m.group(1));
                    }
                }
            }
            runs.put(label, values);
        }
        List<String> others = runs.containsKey("upstream")
                ? runs.keySet().stream().filter(l -> !l.equals("upstream")).toList() : List.of();
        StringBuilder header = new StringBuilder("| figure |");
        runs.keySet().forEach(l -> header.append(' ').append(l).append(" |"));
        others.forEach(l -> header.append(' ').append(l).append(" / upstream |"));
        System.out.println(header);
        System.out.println("|---".repeat(1 + runs.size() + others.size()) + "|");
        for (String figure : figures) {
            StringBuilder row = new StringBuilder("| ").append(figure).append(" |");
            runs.values().forEach(v -> row.append(' ').append(v.getOrDefault(figure, "-")).append(" |"));
            for (String l : others) {
                row.append(' ').append(ratio(runs.get(l).get(figure), runs.get("upstream").get(figure))).append(" |");
            }
            System.out.println(row);
        }
    }

    static String ratio(String ours, String upstream) {
        Double a = firstNumber(ours);
        Double b = firstNumber(upstream);
        if (a == null || b == null || b == 0) {
            return a != null && a == 0 && b != null && b == 0 ? "equal (0)" : "-";
        }
        return String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static Double firstNumber(String cell) {
        if (cell == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(cell);
        return m.find() ? Double.valueOf(m.group()) : null;
    }
}
