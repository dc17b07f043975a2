package io.leadhandoff.scoring.model;

import io.leadhandoff.common.condition.Facts;
import io.leadhandoff.scoring.lead.Lead;
import java.util.Set;

/** The lead attributes a FIELD rule may look at, by name, as facts for the shared conditions. */
public final class LeadAttributes {

    public static final Set<String> NAMES = Set.of("email", "emailDomain", "firstName", "lastName", "jobTitle",
            "seniority", "companyName", "companyDomain", "industry", "employees", "country", "source", "campaign");

    private LeadAttributes() {
    }

    public static Facts of(Lead lead) {
        return name -> switch (name) {
            case "email" -> lead.email;
            case "emailDomain" -> lead.emailDomain();
            case "firstName" -> lead.firstName;
            case "lastName" -> lead.lastName;
            case "jobTitle" -> lead.jobTitle;
            case "seniority" -> lead.seniority;
            case "companyName" -> lead.companyName;
            case "companyDomain" -> lead.companyDomain;
            case "industry" -> lead.industry;
            case "employees" -> lead.employees;
            case "country" -> lead.country;
            case "source" -> lead.source;
            case "campaign" -> lead.campaign;
            default -> null;
        };
    }
}
