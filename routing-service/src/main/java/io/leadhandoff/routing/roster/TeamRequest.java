package io.leadhandoff.routing.roster;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A team as written through the API (the name is in the path). */
public record TeamRequest(
        @NotBlank @Size(max = 100) String managerLogin,
        @Email @Size(max = 320) String managerEmail,
        @Size(max = 500) String webhookUrl,
        Team.OutsideHours outsideHours) {
}
