package io.leadhandoff.routing.roster;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * When a rep works, in the rep's own time zone: one window per working day ({@code from} inclusive,
 * {@code to} exclusive, both local times, so daylight saving changes move them with the clock).
 */
public record WorkingHours(@NotBlank @Size(max = 60) String timeZone, @NotNull @Size(max = 7) Map<DayOfWeek, @NotNull @Valid Window> days) {

    public record Window(@NotNull LocalTime from, @NotNull LocalTime to) {
    }

    /** Why these hours cannot be used, or null when they can. */
    public String problem() {
        try {
            ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            return "timeZone '" + timeZone + "' is not a time zone (e.g. Europe/Berlin)";
        }
        for (Map.Entry<DayOfWeek, Window> d : days.entrySet()) {
            if (!d.getValue().from().isBefore(d.getValue().to())) {
                return "days." + d.getKey() + ": from must be before to (a window ends the day it starts)";
            }
        }
        return null;
    }

    public boolean isWorking(Instant at) {
        ZonedDateTime local = at.atZone(ZoneId.of(timeZone));
        Window w = days.get(local.getDayOfWeek());
        return w != null && !local.toLocalTime().isBefore(w.from()) && local.toLocalTime().isBefore(w.to());
    }

    /** The next instant at or after {@code after} when the rep works, within a week; empty if never. */
    public Optional<Instant> nextStart(Instant after) {
        if (isWorking(after)) {
            return Optional.of(after);
        }
        ZoneId zone = ZoneId.of(timeZone);
        LocalDate day = after.atZone(zone).toLocalDate();
        for (int i = 0; i <= 7; i++) {
            Window w = days.get(day.plusDays(i).getDayOfWeek());
            if (w != null) {
                Instant start = day.plusDays(i).atTime(w.from()).atZone(zone).toInstant();
                if (!start.isBefore(after)) {
                    return Optional.of(start);
                }
            }
        }
        return Optional.empty();
    }

    /** The start of the rep's day containing {@code at} (daily capacity counts from there). */
    public static Instant startOfDay(Instant at, String timeZone) {
        ZoneId zone = ZoneId.of(timeZone == null ? "UTC" : timeZone);
        return at.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    }
}
