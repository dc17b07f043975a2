package io.leadhandoff.reporting.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seeds' benchmark bands for the funnel's conversion rates, and a one-line diagnosis of where
 * a funnel stands against them: MQL to SQL averages 13%, high performers reach 25-30%; under 10%
 * the MQL definition is too permissive, over 35% too strict. MQL to SAL should be 70-90%, SAL to
 * SQL 30-50%.
 */
final class Benchmarks {

    record Band(String metric, double low, double high, String below, String within, String above) {
    }

    static final List<Band> BANDS = List.of(
            new Band("mqlToSql", 0.10, 0.35,
                    "MQL to SQL is below 10%: the MQL definition is too permissive, sales receives leads that are not ready.",
                    "MQL to SQL is within the healthy range (average 13%, high performers 25-30%).",
                    "MQL to SQL is above 35%: the MQL definition is too strict, good leads may wait in nurture."),
            new Band("mqlToSal", 0.70, 0.90,
                    "MQL to SAL is below 70%: sales rejects many MQLs; agree the definition and read the rejection reasons.",
                    "MQL to SAL is within the 70-90% band: sales accepts what marketing sends.",
                    "MQL to SAL is above 90%: sales accepts nearly everything; check that reps really review each lead."),
            new Band("salToSql", 0.30, 0.50,
                    "SAL to SQL is below 30%: accepted leads rarely qualify; check follow-up speed and discovery.",
                    "SAL to SQL is within the 30-50% band.",
                    "SAL to SQL is above 50%: few accepted leads are lost in discovery."));

    private Benchmarks() {
    }

    /** Adds one row per band to {@code table} and returns the notes, the MQL-to-SQL diagnosis first. */
    static List<String> diagnose(Map<String, Object> funnel, List<Map<String, Object>> table) {
        List<String> notes = new ArrayList<>();
        for (Band band : BANDS) {
            Object value = funnel.get(band.metric());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("metric", band.metric());
            row.put("value", value);
            row.put("low", band.low());
            row.put("high", band.high());
            String verdict;
            if (value == null) {
                verdict = "NO_DATA";
            } else {
                double v = ((Number) value).doubleValue();
                verdict = v < band.low() ? "BELOW" : v > band.high() ? "ABOVE" : "WITHIN";
                notes.add(switch (verdict) {
                    case "BELOW" -> band.below();
                    case "ABOVE" -> band.above();
                    default -> band.within();
                });
            }
            row.put("verdict", verdict);
            table.add(row);
        }
        return notes;
    }
}
