package io.leadhandoff.routing.roster;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

public record AbsenceRequest(@NotNull Instant startsAt, @NotNull Instant endsAt, @Size(max = 500) String note) {
}
