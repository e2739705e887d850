package io.shopsense.ads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Open Bandit Dataset CSVs (Saito et al. 2020, arXiv:2008.07146): the logs
 * {@code ,timestamp,item_id,position,click,propensity_score,user_feature_0..3,user-item_affinity_0..K-1} and
 * {@code item_context.csv} {@code ,item_id,item_feature_0 (numeric),item_feature_1..3 (hashed)}. Hashed categorical
 * values become dense codes in order of first appearance.
 */
public final class OpenBanditReader {
    private OpenBanditReader() {
    }

    /** Reads one behaviour policy's log file. */
    public static BanditLog readLog(Reader csv) throws IOException {
        BufferedReader in = new BufferedReader(csv, 1 << 16);
        String header = in.readLine();
        if (header == null) {
            throw new IOException("empty bandit log");
        }
        String[] names = header.split(",", -1);
        int timestamp = column(names, "timestamp");
        int item = column(names, "item_id");
        int position = column(names, "position");
        int click = column(names, "click");
        int propensity = columnEither(names, "propensity_score", "action_prob");
        List<Integer> userColumns = new ArrayList<>();
        List<Integer> affinityColumns = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i].startsWith("user_feature_")) {
                userColumns.add(i);
            } else if (names[i].startsWith("user-item_affinity_")) {
                affinityColumns.add(i);
            }
        }
        List<Map<String, Integer>> dictionaries = new ArrayList<>();
        for (int j = 0; j < userColumns.size(); j++) {
            dictionaries.add(new HashMap<>());
        }
        List<String[]> rows = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                rows.add(line.split(",", -1));
            }
        }
        int n = rows.size();
        int[] rowIds = new int[n];
        long[] times = new long[n];
        int[] items = new int[n];
        int[] positions = new int[n];
        int[] clicks = new int[n];
        double[] props = new double[n];
        int[][] users = new int[n][userColumns.size()];
        float[][] affinity = new float[n][affinityColumns.size()];
        int maxItem = -1;
        int maxPosition = 0;
        for (int r = 0; r < n; r++) {
            String[] cells = rows.get(r);
            rowIds[r] = names[0].isEmpty() && !cells[0].isEmpty() ? Integer.parseInt(cells[0]) : r;
            times[r] = ChronoUnit.MICROS.between(OffsetDateTime.parse("1970-01-01T00:00Z"),
                    OffsetDateTime.parse(cells[timestamp].strip().replace(' ', 'T')));
            items[r] = Integer.parseInt(cells[item]);
            positions[r] = Integer.parseInt(cells[position]) - 1;
            clicks[r] = Integer.parseInt(cells[click]);
            props[r] = Double.parseDouble(cells[propensity]);
            for (int j = 0; j < userColumns.size(); j++) {
                Map<String, Integer> dictionary = dictionaries.get(j);
                users[r][j] = dictionary.computeIfAbsent(cells[userColumns.get(j)], k -> dictionary.size());
            }
            for (int a = 0; a < affinityColumns.size(); a++) {
                affinity[r][a] = Float.parseFloat(cells[affinityColumns.get(a)]);
            }
            maxItem = Math.max(maxItem, items[r]);
            maxPosition = Math.max(maxPosition, positions[r] + 1);
        }
        int[] levels = new int[userColumns.size()];
        for (int j = 0; j < levels.length; j++) {
            levels[j] = dictionaries.get(j).size();
        }
        int itemCount = Math.max(maxItem + 1, affinityColumns.size());
        if (affinityColumns.size() < itemCount) {
            float[][] padded = new float[n][itemCount];
            for (int r = 0; r < n; r++) {
                System.arraycopy(affinity[r], 0, padded[r], 0, affinity[r].length);
            }
            affinity = padded;
        }
        return new BanditLog(rowIds, times, items, positions, clicks, props, users, levels, affinity, itemCount,
                maxPosition);
    }

    /** Reads {@code item_context.csv}. */
    public static ItemContext readItemContext(Reader csv) throws IOException {
        BufferedReader in = new BufferedReader(csv);
        String header = in.readLine();
        if (header == null) {
            throw new IOException("empty item context");
        }
        String[] names = header.split(",", -1);
        int item = column(names, "item_id");
        int numeric = column(names, "item_feature_0");
        List<Integer> categorical = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i].startsWith("item_feature_") && i != numeric) {
                categorical.add(i);
            }
        }
        List<String[]> rows = new ArrayList<>();
        int maxItem = -1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                String[] cells = line.split(",", -1);
                rows.add(cells);
                maxItem = Math.max(maxItem, Integer.parseInt(cells[item]));
            }
        }
        double[] values = new double[maxItem + 1];
        int[][] codes = new int[maxItem + 1][categorical.size()];
        List<Map<String, Integer>> dictionaries = new ArrayList<>();
        for (int j = 0; j < categorical.size(); j++) {
            dictionaries.add(new HashMap<>());
        }
        for (String[] cells : rows) {
            int id = Integer.parseInt(cells[item]);
            values[id] = Double.parseDouble(cells[numeric]);
            for (int j = 0; j < categorical.size(); j++) {
                Map<String, Integer> dictionary = dictionaries.get(j);
                codes[id][j] = dictionary.computeIfAbsent(cells[categorical.get(j)], k -> dictionary.size());
            }
        }
        int[] levels = new int[categorical.size()];
        for (int j = 0; j < levels.length; j++) {
            levels[j] = dictionaries.get(j).size();
        }
        return new ItemContext(values, codes, levels);
    }

    private static int column(String[] names, String name) throws IOException {
        for (int i = 0; i < names.length; i++) {
            if (names[i].strip().equals(name)) {
                return i;
            }
        }
        throw new IOException("column " + name + " missing from header");
    }

    private static int columnEither(String[] names, String name, String alternative) throws IOException {
        for (int i = 0; i < names.length; i++) {
            if (names[i].strip().equals(name) || names[i].strip().equals(alternative)) {
                return i;
            }
        }
        throw new IOException("column " + name + " missing from header");
    }
}
