package io.leadhandoff.sla.calendar;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A calendar as written through the API (its name in the path), with the teams and reps it applies to. */
public record CalendarRequest(
        @NotNull @Valid BusinessCalendar hours,
        @Size(max = 200) List<@NotBlank @Size(max = 200) String> teams,
        @Size(max = 1000) List<@NotBlank @Size(max = 100) String> reps) {
}
