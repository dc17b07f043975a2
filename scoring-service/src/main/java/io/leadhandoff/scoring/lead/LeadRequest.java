package io.leadhandoff.scoring.lead;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import io.leadhandoff.common.validation.DomainName;
import io.leadhandoff.common.validation.EmailAddress;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A lead as forms and the marketing-automation platform send it: flat, all but email optional.
 * {@code attributes} holds any other field the sender has (a CRM's custom fields, a form's extra
 * questions): rules look at them as {@code attributes.<name>}; a null value removes one.
 */
public record LeadRequest(
        @NotBlank @EmailAddress String email,
        @Size(max = 200) String firstName,
        @Size(max = 200) String lastName,
        @Size(max = 200) String jobTitle,
        @Size(max = 100) String seniority,
        @Size(max = 300) String companyName,
        @DomainName String companyDomain,
        @Size(max = 200) String industry,
        @PositiveOrZero @Max(10_000_000) Integer employees,
        @Size(max = 100) String country,
        @Size(max = 200) String source,
        @Size(max = 200) String campaign,
        @Size(max = 100) java.util.Map<@jakarta.validation.constraints.NotBlank @Size(max = 100) String, Object> attributes) {

    /** Without custom attributes. */
    public LeadRequest(String email, String firstName, String lastName, String jobTitle, String seniority,
            String companyName, String companyDomain, String industry, Integer employees, String country, String source,
            String campaign) {
        this(email, firstName, lastName, jobTitle, seniority, companyName, companyDomain, industry, employees, country,
                source, campaign, null);
    }
}
