package io.leadhandoff.routing.roster;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A rep as written through the API (the login is in the path). */
public record RepRequest(
        @NotBlank @Size(max = 200) String displayName,
        @Email @Size(max = 320) String email,
        @NotBlank @Size(max = 200) String team,
        Rep.Status status,
        @Size(max = 30) String seniority,
        @Size(max = 20) List<@NotBlank @Size(max = 10) String> languages,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> productLines,
        @Size(max = 200) List<@NotBlank @Size(max = 100) String> territories,
        @Min(1) @Max(100) Integer weight,
        @Min(1) @Max(10_000) Integer dailyCapacity,
        @Min(1) @Max(100_000) Integer openCap,
        @Valid WorkingHours workingHours,
        @Size(max = 500) String webhookUrl) {
}
