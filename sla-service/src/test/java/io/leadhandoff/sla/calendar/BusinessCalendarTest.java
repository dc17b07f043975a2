package io.leadhandoff.sla.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.error.Problem;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Business-time arithmetic: weekends, holidays, daylight saving both ways, zones, several windows a day. */
class BusinessCalendarTest {

    static BusinessCalendar officeHours(String zone, List<LocalDate> holidays, BusinessCalendar.Window... windows) {
        Map<DayOfWeek, List<BusinessCalendar.Window>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            days.put(d, List.of(windows));
        }
        return new BusinessCalendar(zone, days, holidays);
    }

    static BusinessCalendar.Window window(int from, int to) {
        return new BusinessCalendar.Window(LocalTime.of(from, 0), LocalTime.of(to, 0));
    }

    static final BusinessCalendar BERLIN = officeHours("Europe/Berlin", List.of(), window(9, 18));

    @Test
    void aHotLeadAssignedFridayAt1755InBerlinIsDueMondayAt0955() {
        Instant friday1755 = Instant.parse("2026-11-27T16:55:00Z"); // CET, UTC+1
        assertEquals(Instant.parse("2026-11-30T08:55:00Z"), BERLIN.plus(friday1755, Duration.ofHours(1)));
        assertEquals(Duration.ofMinutes(5), BERLIN.between(friday1755, Instant.parse("2026-11-30T08:00:00Z")),
                "the weekend does not count against the rep");
    }

    @Test
    void daylightSavingChangesMoveTheWindowsWithTheClock() {
        // spring forward on Sunday 29 March 2026: Friday 17:30 CET plus 1 hour is Monday 09:30 CEST
        assertEquals(Instant.parse("2026-03-30T07:30:00Z"), BERLIN.plus(Instant.parse("2026-03-27T16:30:00Z"), Duration.ofHours(1)));
        // fall back on Sunday 25 October 2026: Friday 17:30 CEST plus 1 hour is Monday 09:30 CET
        assertEquals(Instant.parse("2026-10-26T08:30:00Z"), BERLIN.plus(Instant.parse("2026-10-23T15:30:00Z"), Duration.ofHours(1)));
        // a calendar with a window across the spring-forward gap (a Sunday night shift): 23 hours that night
        Map<DayOfWeek, List<BusinessCalendar.Window>> nights = new EnumMap<>(DayOfWeek.class);
        nights.put(DayOfWeek.SUNDAY, List.of(new BusinessCalendar.Window(LocalTime.of(0, 0), LocalTime.of(23, 59))));
        BusinessCalendar sunday = new BusinessCalendar("Europe/Berlin", nights, List.of());
        assertEquals(Duration.ofHours(22).plusMinutes(59), sunday.between(Instant.parse("2026-03-28T12:00:00Z"),
                Instant.parse("2026-03-30T12:00:00Z")), "the lost hour is not business time");
    }

    @Test
    void holidaysAndWeekendsAreSkipped() {
        BusinessCalendar christmas = officeHours("Europe/Berlin",
                List.of(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25")), window(9, 18));
        // Wednesday 23 December 17:00 CET plus 2 hours: one hour that day, then Monday 28 December 09:00-10:00
        assertEquals(Instant.parse("2026-12-28T09:00:00Z"),
                christmas.plus(Instant.parse("2026-12-23T16:00:00Z"), Duration.ofHours(2)));
    }

    @Test
    void severalWindowsADayAndMultiDayTargetsInAnotherZone() {
        BusinessCalendar lunch = officeHours("America/New_York", List.of(), window(9, 12), window(13, 18));
        // Monday 30 November 11:30 EST plus 1 hour: 30 minutes before lunch, 30 after
        assertEquals(Instant.parse("2026-11-30T18:30:00Z"), lunch.plus(Instant.parse("2026-11-30T16:30:00Z"), Duration.ofHours(1)));
        // Monday 10:00 Berlin plus 24 business hours of 9 a day: Wednesday 16:00
        assertEquals(Instant.parse("2026-12-02T15:00:00Z"), BERLIN.plus(Instant.parse("2026-11-30T09:00:00Z"), Duration.ofHours(24)));
        // started outside hours, nothing passes until the next window
        assertEquals(Instant.parse("2026-11-30T08:00:00Z"), BERLIN.plus(Instant.parse("2026-11-28T10:00:00Z"), Duration.ZERO));
    }

    @Test
    void aCalendarThatCannotBeUsedSaysWhy() {
        List<Problem.Violation> bad = officeHours("Mars/Olympus", List.of(), window(9, 13), window(12, 18)).problems();
        assertTrue(bad.stream().anyMatch(v -> v.field().equals("timeZone") && v.message().contains("Mars/Olympus")), bad.toString());
        assertTrue(bad.stream().anyMatch(v -> v.field().equals("days.MONDAY") && v.message().contains("overlap")), bad.toString());
        assertTrue(officeHours("Europe/Berlin", List.of(), window(18, 9)).problems().get(0).message().contains("end after it starts"));
        assertEquals("days", new BusinessCalendar("Europe/Berlin", Map.of(), List.of()).problems().get(0).field());
        assertTrue(BERLIN.problems().isEmpty());
    }
}
