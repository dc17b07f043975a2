package io.leadhandoff.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo history: what the history import accepts, the same every time for the same day. */
class DemoDataTest {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void everyRowIsAnMqlWithItsStagesInOrderAndNothingInTheFuture() {
        List<String> lines = DemoData.csv(3000, NOW, 42).lines().toList();
        assertEquals(String.join(",", DemoData.COLUMNS), lines.get(0));
        assertEquals(3001, lines.size());
        List<String> columns = DemoData.COLUMNS;
        int sal = 0;
        int breached = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = Arrays.copyOf(line.split(",", -1), columns.size());
            assertEquals(columns.size(), line.split(",", -1).length, line);
            Instant mql = Instant.parse(f[columns.indexOf("mql")]);
            assertTrue(mql.isBefore(NOW) && mql.isAfter(NOW.minusSeconds(184L * 86400)), line);
            for (String stage : List.of("assigned", "firstTouch", "breached", "sal", "sql", "won", "lost", "rejected")) {
                String v = f[columns.indexOf(stage)];
                if (!v.isEmpty()) {
                    Instant at = Instant.parse(v);
                    assertFalse(at.isBefore(mql) || at.isAfter(NOW), stage + " in " + line);
                }
            }
            assertFalse(!f[columns.indexOf("sal")].isEmpty() && !f[columns.indexOf("rejected")].isEmpty(), line);
            sal += f[columns.indexOf("sal")].isEmpty() ? 0 : 1;
            breached += f[columns.indexOf("breached")].isEmpty() ? 0 : 1;
        }
        // a funnel worth looking at: about half accepted, some breaches
        assertTrue(sal > 1000 && sal < 2200, "accepted " + sal);
        assertTrue(breached > 30, "breached " + breached);
        assertEquals(DemoData.csv(3000, NOW, 42), DemoData.csv(3000, NOW, 42));
    }
}
