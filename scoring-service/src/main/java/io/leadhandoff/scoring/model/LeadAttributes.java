package io.leadhandoff.scoring.model;

import io.leadhandoff.common.condition.Facts;
import io.leadhandoff.scoring.lead.Lead;
import java.util.Set;

/** The lead attributes a FIELD rule may look at, by name, as facts for the shared conditions. */
public final class LeadAttributes {

    /** The prefix of a lead's custom attributes: {@code attributes.Lead Source}. */
    public static final String CUSTOM = "attributes.";

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
            default -> name.startsWith(CUSTOM) ? lead.attributes.get(name.substring(CUSTOM.length())) : null;
        };
    }

    /** The attributes a condition may name: the lead's own, and every {@code attributes.*} it uses. */
    public static Set<String> allowedFor(io.leadhandoff.common.condition.Condition condition) {
        Set<String> allowed = new java.util.HashSet<>(NAMES);
        names(condition).stream().filter(n -> n != null && n.startsWith(CUSTOM) && n.length() > CUSTOM.length())
                .forEach(allowed::add);
        return allowed;
    }

    /** Every attribute a condition names. */
    public static Set<String> names(io.leadhandoff.common.condition.Condition c) {
        Set<String> into = new java.util.LinkedHashSet<>();
        collect(c, into);
        return into;
    }

    private static void collect(io.leadhandoff.common.condition.Condition c, Set<String> into) {
        switch (c) {
            case io.leadhandoff.common.condition.Condition.Equals e -> into.add(e.attribute());
            case io.leadhandoff.common.condition.Condition.In i -> into.add(i.attribute());
            case io.leadhandoff.common.condition.Condition.Range r -> into.add(r.attribute());
            case io.leadhandoff.common.condition.Condition.Matches m -> into.add(m.attribute());
            case io.leadhandoff.common.condition.Condition.Glob g -> into.add(g.attribute());
            case io.leadhandoff.common.condition.Condition.Present p -> into.add(p.attribute());
            case io.leadhandoff.common.condition.Condition.Missing m -> into.add(m.attribute());
            case io.leadhandoff.common.condition.Condition.All a -> a.of().forEach(x -> { if (x != null) collect(x, into); });
            case io.leadhandoff.common.condition.Condition.Any a -> a.of().forEach(x -> { if (x != null) collect(x, into); });
            case io.leadhandoff.common.condition.Condition.Not n -> { if (n.of() != null) collect(n.of(), into); }
        }
    }
}
