package io.leadhandoff.sla.calendar;

import java.time.Instant;
import java.util.List;

public record CalendarView(String name, BusinessCalendar hours, List<String> teams, List<String> reps, String updatedBy,
        Instant updatedAt) {
}
