package io.leadhandoff.scoring.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Calibration on a generated history whose answer is known: referrals convert, visits help, noise does not. */
public class CalibratorTest {

    /** 4,000 leads: conversion odds rise with a referral and with visits; a noise column and an id column. */
    public static String history(char delimiter) {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("Id,Lead Source,Visits,Noise,Notes,Converted\n".replace(',', delimiter));
        String[] sources = { "Web", "Referral", "Event", "Ads" };
        for (int i = 0; i < 4000; i++) {
            String source = i % 97 == 0 ? "Carrier pigeon" : sources[random.nextInt(sources.length)];
            int visits = random.nextInt(12);
            double logit = -1.5 + ("Referral".equals(source) ? 2.5 : 0) + 0.25 * (visits - 6);
            boolean converted = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            String visitsText = i % 50 == 0 ? "Select" : String.valueOf(visits);
            csv.append(String.join(String.valueOf(delimiter), "L" + i, source, visitsText,
                    String.valueOf(random.nextInt(3)), "\"said \"\"hi\"\"" + delimiter + " later\"", converted ? "yes" : "no"))
                    .append('\n');
        }
        return csv.toString();
    }

    static Calibrator.Settings settings(Set<String> exclude) {
        return Calibrator.Settings.of("Converted", "yes", exclude, Set.of("Select"));
    }

    @Test
    void theStrongestFeaturesAreTheOnesThatDriveConversion() throws Exception {
        Calibrator.Result r = Calibrator.fit(new StringReader(history(',')), settings(Set.of("Notes")));
        assertEquals(4000, r.rowsUsed());
        assertEquals(1200, r.holdOutRows(), "a 30% hold-out");
        assertTrue(r.holdOutAuc() > 0.75, "AUC " + r.holdOutAuc());
        assertTrue(r.baseRate() > 0.2 && r.baseRate() < 0.6, "base rate " + r.baseRate());
        Calibrator.Feature top = r.strongest().get(0);
        assertEquals("Lead Source", top.column());
        assertEquals("Referral", top.value());
        assertEquals(20, top.suggestedPoints(), "the strongest feature is worth 20 points");
        Calibrator.Feature visits = r.strongest().stream().filter(f -> f.column().equals("Visits") && f.value() == null)
                .findFirst().orElseThrow();
        assertTrue(visits.coefficient() > 0, "more visits, more conversions");
        // uniform 0-11: mean 5.5, standard deviation about 3.45
        assertTrue(visits.atLeast() > 8.5 && visits.atLeast() < 9.5, "one standard deviation above the mean: " + visits.atLeast());
        assertEquals(null, top.atLeast(), "a category has no threshold");
        assertTrue(r.columnsLeftOut().stream().anyMatch(c -> c.startsWith("Id (an identifier")), r.columnsLeftOut().toString());
        assertTrue(r.columnsUsed().contains("Visits (numeric)"), "'Select' is missing, not a category: " + r.columnsUsed());
        // a higher threshold: fewer MQLs, more precise
        Calibrator.Threshold low = r.thresholds().get(1);
        Calibrator.Threshold high = r.thresholds().get(6);
        assertTrue(high.mqls() < low.mqls() && high.precision() > low.precision(), r.thresholds().toString());
    }

    @Test
    void semicolonsAndQuotedFieldsAreReadTheSame() throws Exception {
        Calibrator.Result comma = Calibrator.fit(new StringReader(history(',')), settings(Set.of("Notes")));
        Calibrator.Result semicolon = Calibrator.fit(new StringReader(history(';')), settings(Set.of("Notes")));
        assertEquals(comma.holdOutAuc(), semicolon.holdOutAuc(), 1e-9);
        assertEquals(comma.strongest(), semicolon.strongest());
    }

    @Test
    void inputThatCannotBeCalibratedSaysWhy() {
        assertTrue(assertThrows(Calibrator.CalibrationException.class, () -> Calibrator.fit(new StringReader(history(',')),
                Calibrator.Settings.of("Won", "yes", Set.of(), Set.of()))).getMessage().contains("'Won' is not in the header"));
        assertTrue(assertThrows(Calibrator.CalibrationException.class, () -> Calibrator.fit(new StringReader(history(',')),
                Calibrator.Settings.of("Converted", "maybe", Set.of(), Set.of()))).getMessage().contains("same outcome"));
        assertTrue(assertThrows(Calibrator.CalibrationException.class, () -> Calibrator.fit(new StringReader(""),
                settings(Set.of()))).getMessage().contains("empty"));
        assertTrue(assertThrows(Calibrator.CalibrationException.class, () -> Calibrator.fit(new StringReader(history(',')),
                settings(Set.of("Tags")))).getMessage().contains("'Tags' to leave out is not in the header"));
    }
}
