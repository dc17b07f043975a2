package io.leadhandoff.scoring.lead;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** A lead as forms and the marketing-automation platform send it: flat, all but email optional. */
public record LeadRequest(
        @NotBlank @Size(max = 320) @Pattern(regexp = EMAIL, message = "must be an email address") String email,
        @Size(max = 200) String firstName,
        @Size(max = 200) String lastName,
        @Size(max = 200) String jobTitle,
        @Size(max = 100) String seniority,
        @Size(max = 300) String companyName,
        @Size(max = 255) String companyDomain,
        @Size(max = 200) String industry,
        @PositiveOrZero @Max(10_000_000) Integer employees,
        @Size(max = 100) String country,
        @Size(max = 200) String source,
        @Size(max = 200) String campaign) {

    /** An email address, surrounding white space allowed (it is trimmed when normalised). */
    public static final String EMAIL = "\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*";
}
