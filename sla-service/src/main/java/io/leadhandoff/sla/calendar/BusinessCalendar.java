package io.leadhandoff.sla.calendar;

import io.leadhandoff.common.error.Problem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Business hours in a time zone: working windows per weekday (local times, so they follow daylight
 * saving changes) and holidays. SLA clocks count business time in the owner's calendar: a target
 * of one hour from Friday 17:55 in Berlin with 09:00-18:00 hours is due Monday 09:55.
 */
public record BusinessCalendar(
        @NotBlank @Size(max = 60) String timeZone,
        @NotNull @Size(max = 7) Map<DayOfWeek, @NotNull @Size(max = 6) List<@NotNull @Valid Window>> days,
        @Size(max = 1000) List<@NotNull LocalDate> holidays) {

    /** A working window of a day, {@code from} inclusive, {@code to} exclusive. */
    public record Window(@NotNull LocalTime from, @NotNull LocalTime to) {
    }

    /** Guards the arithmetic against a calendar with (almost) no business time: about ten years. */
    static final int MAX_DAYS = 3700;

    public List<LocalDate> holidays() {
        return holidays == null ? List.of() : holidays;
    }

    /** What is wrong with this calendar, each naming its field; empty when it can be used. */
    public List<Problem.Violation> problems() {
        List<Problem.Violation> problems = new ArrayList<>();
        try {
            ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            problems.add(new Problem.Violation("timeZone", "'" + timeZone + "' is not a time zone (e.g. Europe/Berlin)"));
        }
        boolean any = false;
        for (Map.Entry<DayOfWeek, List<Window>> d : days.entrySet()) {
            List<Window> sorted = d.getValue().stream().sorted(Comparator.comparing(Window::from)).toList();
            for (int i = 0; i < sorted.size(); i++) {
                Window w = sorted.get(i);
                if (!w.from().isBefore(w.to())) {
                    problems.add(new Problem.Violation("days." + d.getKey(), "a window must end after it starts ("
                            + w.from() + "-" + w.to() + ")"));
                }
                if (i > 0 && w.from().isBefore(sorted.get(i - 1).to())) {
                    problems.add(new Problem.Violation("days." + d.getKey(), "windows overlap (" + sorted.get(i - 1).from()
                            + "-" + sorted.get(i - 1).to() + " and " + w.from() + "-" + w.to() + ")"));
                }
                any = true;
            }
        }
        if (!any) {
            problems.add(new Problem.Violation("days", "at least one working window is needed"));
        }
        return problems;
    }

    /** The instant when {@code businessTime} of working time has passed from {@code start}. */
    public Instant plus(Instant start, Duration businessTime) {
        ZoneId zone = ZoneId.of(timeZone);
        Set<LocalDate> off = Set.copyOf(holidays());
        Duration remaining = businessTime;
        Instant t = start;
        LocalDate date = start.atZone(zone).toLocalDate();
        for (int day = 0; day < MAX_DAYS; day++, date = date.plusDays(1)) {
            if (off.contains(date)) {
                continue;
            }
            for (Window w : windows(date)) {
                Instant from = zoned(date, w.from(), zone);
                Instant to = zoned(date, w.to(), zone);
                if (!t.isBefore(to)) {
                    continue;
                }
                Instant s = t.isAfter(from) ? t : from;
                Duration available = Duration.between(s, to);
                if (remaining.compareTo(available) <= 0) {
                    return s.plus(remaining);
                }
                remaining = remaining.minus(available);
                t = to;
            }
        }
        throw new IllegalStateException("No business time in ten years of this calendar");
    }

    /** The working time between two instants (zero if {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        ZoneId zone = ZoneId.of(timeZone);
        Set<LocalDate> off = Set.copyOf(holidays());
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = from.atZone(zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            if (off.contains(date)) {
                continue;
            }
            for (Window w : windows(date)) {
                Instant s = max(from, zoned(date, w.from(), zone));
                Instant e = min(to, zoned(date, w.to(), zone));
                if (e.isAfter(s)) {
                    total = total.plus(Duration.between(s, e));
                }
            }
        }
        return total;
    }

    private List<Window> windows(LocalDate date) {
        return days.getOrDefault(date.getDayOfWeek(), List.of()).stream().sorted(Comparator.comparing(Window::from)).toList();
    }

    /** A local time of a date as an instant; in a daylight-saving gap, the first instant after it. */
    private static Instant zoned(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
