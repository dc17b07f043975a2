package io.leadhandoff.scoring.calibration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The calibration on a real CRM export: X Education's 9,240 leads (../shared/data/x-education,
 * never copied into this repository), with the columns that leak the outcome left out. Run with
 * {@code ./mvnw -Peval -pl scoring-service -am verify}; prints the figures.
 */
class CalibrationEval {

    @Test
    void xEducationHoldOutAuc() throws Exception {
        Path csv = Path.of(System.getProperty("calibration.csv", "../../shared/data/x-education/Leads.csv"));
        assertTrue(Files.exists(csv), "no " + csv.toAbsolutePath() + " (set -Dcalibration.csv=...)");
        Calibrator.Settings settings = Calibrator.Settings.of("Converted", "1",
                Set.of("Tags", "Lead Quality", "Asymmetrique Activity Index", "Asymmetrique Profile Index",
                        "Asymmetrique Activity Score", "Asymmetrique Profile Score", "Last Notable Activity"),
                Set.of("Select"));
        long start = System.nanoTime();
        Calibrator.Result r;
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            r = Calibrator.fit(reader, settings);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("[eval] X Education: %d rows used (%d skipped), base rate %.3f, %d train / %d hold-out, %d ms%n",
                r.rowsUsed(), r.rowsSkipped(), r.baseRate(), r.trainRows(), r.holdOutRows(), ms);
        System.out.printf("[eval] hold-out AUC %.4f (target >= 0.90)%n", r.holdOutAuc());
        System.out.println("[eval] left out: " + r.columnsLeftOut());
        r.strongest().forEach(f -> System.out.printf("[eval]   %-45s %-35s %+.3f -> %+d points%n", f.column(),
                f.value() == null ? "(numeric)" : f.value(), f.coefficient(), f.suggestedPoints()));
        r.thresholds().forEach(t -> System.out.printf("[eval]   p >= %.1f: %4d MQLs (%.1f%%), precision %.3f, recall %.3f%n",
                t.minProbability(), t.mqls(), 100 * t.mqlShare(), t.precision(), t.recall()));
        assertTrue(r.holdOutAuc() >= 0.90, "hold-out AUC " + r.holdOutAuc());
    }
}
