package io.leadhandoff.scoring.calibration;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGradRDA;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Fits a regularised logistic regression to historical outcomes in a CRM export (any columns: only
 * the outcome column and its positive value are named) and turns it into scoring advice: hold-out
 * AUC, base rate, the strongest features with suggested points, and a threshold table. The CSV is
 * read as a stream into a column-wise dictionary encoding (each distinct value stored once), never
 * held whole. Columns are typed from their values: numeric (standardised, missing values imputed
 * with a missing indicator) or categorical (one-hot, rare levels grouped); a column whose every
 * value is distinct is an identifier and left out. The numerics are Tribuo's (linear SGD with the
 * log loss, AdaGrad RDA with an L2 penalty).
 */
public final class Calibrator {

    static final String POSITIVE = "1";
    static final String NEGATIVE = "0";
    static final String MISSING = "(missing)";
    static final String OTHER = "(other)";

    /** What to fit: the outcome column and its positive value, columns to leave out, texts meaning "missing". */
    public record Settings(String outcome, String positive, Set<String> exclude, Set<String> missingTokens,
            int minLevelCount, double holdOutShare, long seed) {

        public static Settings of(String outcome, String positive, Set<String> exclude, Set<String> missing) {
            return new Settings(outcome, positive, exclude, missing, 0, 0.3, 42L);
        }
    }

    /**
     * A feature and its weight. Categorical: {@code value} is the level. Numeric: {@code value} is
     * null, the coefficient is per standard deviation, and {@code atLeast} (mean + one standard
     * deviation) is where a lead stands out by that much: the suggested points are for reaching it.
     */
    public record Feature(String column, String value, double coefficient, int suggestedPoints, Double atLeast) {
    }

    /** At a score threshold (a probability): how many leads would be MQLs, and how good they would be. */
    public record Threshold(double minProbability, int mqls, double mqlShare, double precision, double recall) {
    }

    public record Result(int rowsUsed, int rowsSkipped, double baseRate, double holdOutAuc, int trainRows,
            int holdOutRows, List<String> columnsUsed, List<String> columnsLeftOut, List<Feature> strongest,
            List<Threshold> thresholds) {
    }

    /** The input cannot be calibrated on; the message says why. */
    public static final class CalibrationException extends RuntimeException {
        public CalibrationException(String message) {
            super(message);
        }
    }

    private Calibrator() {
    }

    public static Result fit(Reader csv, Settings settings) throws IOException {
        Table table = Table.read(csv, settings);
        Encoding encoding = Encoding.of(table, settings);
        int n = table.rows();
        int[] order = stratifiedOrder(table, settings.seed());
        int holdOut = (int) Math.round(n * settings.holdOutShare());
        List<Example<Label>> train = new ArrayList<>(n - holdOut);
        List<Example<Label>> test = new ArrayList<>(holdOut);
        for (int i = 0; i < n; i++) {
            int row = order[i];
            (i % 10 < settings.holdOutShare() * 10 ? test : train).add(encoding.example(table, row));
        }
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> trainSet = new MutableDataset<>(new ListDataSource<>(train,
                labels, new SimpleDataSourceProvenance("calibration-train", labels)));
        MutableDataset<Label> testSet = new MutableDataset<>(new ListDataSource<>(test,
                labels, new SimpleDataSourceProvenance("calibration-test", labels)));
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(),
                new AdaGradRDA(0.1, 1e-6, 0.0, 1e-4, train.size()), 15, settings.seed());
        LinearSGDModel model = trainer.train(trainSet);
        Label positive = new Label(POSITIVE);
        double auc = new LabelEvaluator().evaluate(model, testSet).AUCROC(positive);

        double[] probability = new double[test.size()];
        boolean[] actual = new boolean[test.size()];
        List<Prediction<Label>> predictions = model.predict(testSet);
        for (int i = 0; i < predictions.size(); i++) {
            probability[i] = predictions.get(i).getOutputScores().get(POSITIVE).getScore();
            actual[i] = POSITIVE.equals(test.get(i).getOutput().getLabel());
        }
        return new Result(n, table.skipped(), table.positives() / (double) n, auc, train.size(), test.size(),
                encoding.columnsUsed(), encoding.columnsLeftOut(), strongest(model, encoding), thresholds(probability, actual));
    }

    /** Rows shuffled with a seed, positives and negatives interleaved so every tenth is a stratified draw. */
    private static int[] stratifiedOrder(Table table, long seed) {
        List<Integer> positives = new ArrayList<>();
        List<Integer> negatives = new ArrayList<>();
        for (int r = 0; r < table.rows(); r++) {
            (table.positive(r) ? positives : negatives).add(r);
        }
        Random random = new Random(seed);
        java.util.Collections.shuffle(positives, random);
        java.util.Collections.shuffle(negatives, random);
        int[] order = new int[table.rows()];
        int i = 0;
        // each class in the order of its shuffle, dealt so that every block of ten has its share of both
        double step = positives.isEmpty() ? Double.MAX_VALUE : table.rows() / (double) positives.size();
        int p = 0;
        int q = 0;
        double nextPositive = 0;
        while (i < order.length) {
            if (p < positives.size() && (i >= nextPositive || q >= negatives.size())) {
                order[i++] = positives.get(p++);
                nextPositive += step;
            } else {
                order[i++] = negatives.get(q++);
            }
        }
        return order;
    }

    private static List<Feature> strongest(LinearSGDModel model, Encoding encoding) {
        Map<String, List<com.oracle.labs.mlrg.olcut.util.Pair<String, Double>>> top = model.getTopFeatures(-1);
        Map<String, Double> positive = new HashMap<>();
        Map<String, Double> negative = new HashMap<>();
        top.getOrDefault(POSITIVE, List.of()).forEach(p -> positive.put(p.getA(), p.getB()));
        top.getOrDefault(NEGATIVE, List.of()).forEach(p -> negative.put(p.getA(), p.getB()));
        List<Feature> features = new ArrayList<>();
        double max = 0;
        Map<String, Double> logit = new HashMap<>();
        for (String name : positive.keySet()) {
            if (name.equals("BIAS")) {
                continue;
            }
            double c = positive.get(name) - negative.getOrDefault(name, 0.0);
            logit.put(name, c);
            max = Math.max(max, Math.abs(c));
        }
        double scale = max == 0 ? 0 : 20 / max; // the strongest feature is worth 20 points
        for (Map.Entry<String, Double> e : logit.entrySet()) {
            int eq = e.getKey().indexOf('=');
            String column = eq < 0 ? e.getKey() : e.getKey().substring(0, eq);
            String value = eq < 0 ? null : e.getKey().substring(eq + 1);
            Double atLeast = value == null ? encoding.oneSdAbove(column) : null;
            features.add(new Feature(column, value, round(e.getValue(), 4), (int) Math.round(e.getValue() * scale), atLeast));
        }
        features.sort(Comparator.comparingDouble((Feature f) -> -Math.abs(f.coefficient())));
        return List.copyOf(features.subList(0, Math.min(15, features.size())));
    }

    private static List<Threshold> thresholds(double[] probability, boolean[] actual) {
        int positives = 0;
        for (boolean a : actual) {
            positives += a ? 1 : 0;
        }
        List<Threshold> rows = new ArrayList<>();
        for (int step = 1; step <= 9; step++) {
            double t = step / 10.0;
            int selected = 0;
            int hits = 0;
            for (int i = 0; i < probability.length; i++) {
                if (probability[i] >= t) {
                    selected++;
                    hits += actual[i] ? 1 : 0;
                }
            }
            rows.add(new Threshold(t, selected, round(selected / (double) Math.max(1, probability.length), 4),
                    round(selected == 0 ? 0 : hits / (double) selected, 4),
                    round(positives == 0 ? 0 : hits / (double) positives, 4)));
        }
        return rows;
    }

    static double round(double value, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(value * f) / f;
    }

    /** The CSV, dictionary-encoded per column: each distinct text once, each cell an int. */
    static final class Table {
        final List<String> header;
        final int outcomeColumn;
        final List<Map<String, Integer>> dictionaries = new ArrayList<>();
        final List<List<String>> values = new ArrayList<>();
        final List<int[]> cells = new ArrayList<>();
        final java.util.BitSet positive = new java.util.BitSet();
        int skipped;

        private Table(List<String> header, int outcomeColumn) {
            this.header = header;
            this.outcomeColumn = outcomeColumn;
            for (int c = 0; c < header.size(); c++) {
                dictionaries.add(new HashMap<>());
                values.add(new ArrayList<>());
            }
        }

        static Table read(Reader reader, Settings settings) throws IOException {
            java.io.BufferedReader in = new java.io.BufferedReader(reader, 1 << 16);
            in.mark(1 << 16);
            char[] sample = new char[1 << 14];
            int read = in.read(sample);
            in.reset();
            if (read <= 0) {
                throw new CalibrationException("The file is empty");
            }
            String first = new String(sample, 0, read).lines().findFirst().orElse("");
            char delimiter = count(first, ';') > count(first, ',') ? ';' : ',';
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true).setTrim(true).get();
            try (CSVParser parser = CSVParser.parse(in, format)) {
                List<String> header = parser.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (String name : header) {
                    if (!seen.add(name)) {
                        throw new CalibrationException("The header names the column '" + name + "' twice");
                    }
                }
                int outcome = header.indexOf(settings.outcome());
                if (outcome < 0) {
                    throw new CalibrationException("The outcome column '" + settings.outcome() + "' is not in the header "
                            + header);
                }
                for (String excluded : settings.exclude()) {
                    if (!header.contains(excluded)) {
                        throw new CalibrationException("The column '" + excluded + "' to leave out is not in the header "
                                + header);
                    }
                }
                Table table = new Table(header, outcome);
                for (CSVRecord record : parser) {
                    if (record.size() != header.size()) {
                        table.skipped++;
                        continue;
                    }
                    String outcomeValue = record.get(outcome);
                    if (outcomeValue.isEmpty() || settings.missingTokens().contains(outcomeValue)) {
                        table.skipped++;
                        continue;
                    }
                    int[] row = new int[header.size()];
                    for (int c = 0; c < header.size(); c++) {
                        String v = record.get(c);
                        if (v.isEmpty() || settings.missingTokens().contains(v)) {
                            row[c] = -1;
                        } else {
                            List<String> distinct = table.values.get(c);
                            row[c] = table.dictionaries.get(c).computeIfAbsent(v, k -> {
                                distinct.add(k);
                                return distinct.size() - 1;
                            });
                        }
                    }
                    table.positive.set(table.cells.size(), settings.positive().equals(outcomeValue));
                    table.cells.add(row);
                }
                if (table.rows() == 0) {
                    throw new CalibrationException("No row has an outcome: nothing to learn from");
                }
                if (table.positives() == 0 || table.positives() == table.rows()) {
                    throw new CalibrationException("Every row has the same outcome (" + table.positives() + " of "
                            + table.rows() + " are '" + settings.positive() + "'): both classes are needed");
                }
                return table;
            } catch (IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
                throw new CalibrationException("The file is not readable as CSV: " + e.getMessage());
            }
        }

        private static long count(String s, char c) {
            return s.chars().filter(x -> x == c).count();
        }

        int rows() {
            return cells.size();
        }

        boolean positive(int row) {
            return positive.get(row);
        }

        int positives() {
            return positive.cardinality();
        }

        int skipped() {
            return skipped;
        }
    }

    /** How each column becomes features. */
    static final class Encoding {
        private final List<ColumnEncoding> columns = new ArrayList<>();
        private final List<String> leftOut = new ArrayList<>();

        sealed interface ColumnEncoding permits Numeric, Categorical {
            int column();
        }

        record Numeric(int column, String name, double[] byCode, double mean, double sd, boolean hasMissing)
                implements ColumnEncoding {
        }

        record Categorical(int column, String name, String[] featureByCode, boolean hasMissing) implements ColumnEncoding {
        }

        /** Mean + one standard deviation of a numeric column, to four significant digits; null for others. */
        Double oneSdAbove(String name) {
            for (ColumnEncoding c : columns) {
                if (c instanceof Numeric n && n.name().equals(name)) {
                    return new java.math.BigDecimal(n.mean() + n.sd()).round(new java.math.MathContext(4)).doubleValue();
                }
            }
            return null;
        }

        static Encoding of(Table table, Settings settings) {
            Encoding e = new Encoding();
            int rows = table.rows();
            int minLevel = settings.minLevelCount() > 0 ? settings.minLevelCount() : Math.max(10, rows / 1000);
            for (int c = 0; c < table.header.size(); c++) {
                String name = table.header.get(c);
                if (c == table.outcomeColumn || settings.exclude().contains(name)) {
                    continue;
                }
                List<String> distinct = table.values.get(c);
                int[] counts = new int[distinct.size()];
                int missing = 0;
                for (int[] row : table.cells) {
                    if (row[c] < 0) {
                        missing++;
                    } else {
                        counts[row[c]]++;
                    }
                }
                if (distinct.isEmpty()) {
                    e.leftOut.add(name + " (always missing)");
                    continue;
                }
                if (distinct.size() == rows - missing && rows - missing > 0.9 * rows) {
                    e.leftOut.add(name + " (an identifier: every value differs)");
                    continue;
                }
                double[] numbers = numbers(distinct);
                if (numbers != null) {
                    double sum = 0;
                    double sq = 0;
                    int present = rows - missing;
                    for (int code = 0; code < counts.length; code++) {
                        sum += numbers[code] * counts[code];
                        sq += numbers[code] * numbers[code] * counts[code];
                    }
                    double mean = sum / present;
                    double sd = Math.sqrt(Math.max(0, sq / present - mean * mean));
                    if (sd == 0) {
                        e.leftOut.add(name + " (constant)");
                        continue;
                    }
                    e.columns.add(new Numeric(c, name, numbers, mean, sd, missing > 0));
                } else {
                    String[] features = new String[distinct.size()];
                    for (int code = 0; code < features.length; code++) {
                        features[code] = name + "=" + (counts[code] >= minLevel ? distinct.get(code) : OTHER);
                    }
                    e.columns.add(new Categorical(c, name, features, missing > 0));
                }
            }
            if (e.columns.isEmpty()) {
                throw new CalibrationException("No column is left to learn from once the outcome and the left-out"
                        + " columns are removed");
            }
            return e;
        }

        /** The values as numbers, or null when one of them is not a number. */
        private static double[] numbers(List<String> distinct) {
            double[] numbers = new double[distinct.size()];
            for (int i = 0; i < numbers.length; i++) {
                try {
                    numbers[i] = Double.parseDouble(distinct.get(i).replace(',', '.'));
                    if (!Double.isFinite(numbers[i])) {
                        return null;
                    }
                } catch (NumberFormatException ex) {
                    return null;
                }
            }
            return numbers;
        }

        Example<Label> example(Table table, int row) {
            int[] cells = table.cells.get(row);
            List<String> names = new ArrayList<>(columns.size() + 4);
            List<Double> values = new ArrayList<>(columns.size() + 4);
            for (ColumnEncoding column : columns) {
                int code = cells[column.column()];
                switch (column) {
                    case Numeric n -> {
                        if (code < 0) {
                            names.add(n.name() + "=" + MISSING);
                            values.add(1.0);
                        } else {
                            names.add(n.name());
                            values.add((n.byCode()[code] - n.mean()) / n.sd());
                        }
                    }
                    case Categorical c -> {
                        names.add(code < 0 ? c.name() + "=" + MISSING : c.featureByCode()[code]);
                        values.add(1.0);
                    }
                }
            }
            String[] featureNames = names.toArray(String[]::new);
            double[] featureValues = values.stream().mapToDouble(Double::doubleValue).toArray();
            // Tribuo wants unique, sorted feature names per example
            Integer[] idx = new Integer[featureNames.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, Comparator.comparing(i -> featureNames[i]));
            String[] sortedNames = new String[idx.length];
            double[] sortedValues = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                sortedNames[i] = featureNames[idx[i]];
                sortedValues[i] = featureValues[idx[i]];
            }
            return new ArrayExample<>(new Label(table.positive(row) ? POSITIVE : NEGATIVE), sortedNames, sortedValues);
        }

        List<String> columnsUsed() {
            return columns.stream().map(c -> c instanceof Numeric n ? n.name() + " (numeric)"
                    : ((Categorical) c).name() + " (categorical)").toList();
        }

        List<String> columnsLeftOut() {
            return List.copyOf(leftOut);
        }
    }
}
