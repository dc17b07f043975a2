package io.leadhandoff.routing;

import io.leadhandoff.testing.TestEvents;
import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventEnvelope;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.LeadQualified;
import io.leadhandoff.common.event.Priority;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** LeadQualified envelopes as the scoring service publishes them. */
final class RoutingEvents {

    private RoutingEvents() {
    }

    static String leadQualified(EventCodec codec, UUID leadId, Priority priority) {
        return leadQualified(codec, leadId, priority, Map.of("What is your main challenge?", "Leads go cold"));
    }

    /** With the form answers ({@code properties}) of its last touch. */
    static String leadQualified(EventCodec codec, UUID leadId, Priority priority, Map<String, Object> answers) {
        LeadQualified data = new LeadQualified(leadId, "lead-" + leadId + "@acme.example", "Dana", "Kim", "Director",
                "Acme", "acme.example", "DE", "webinar", "q4", priority, 30, 25, 55, "Fast track: demo request", 1,
                List.of(new LeadQualified.ScoreLine("demo-request", "INTENT", 15, "Demo request submitted")),
                List.of(new LeadQualified.Touch("demo_request", "https://acme.example/demo", Instant.now(), answers)),
                Instant.now());
        return codec.encode(TestEvents.wrap(EventType.LEAD_QUALIFIED, "scoring-service", leadId.toString(), data));
    }

    /** An MQL of a company of this size and domain, in this country, with custom attributes (language, ...). */
    static String leadQualified(EventCodec codec, UUID leadId, Priority priority, String country, Integer employees,
            String companyDomain, Map<String, Object> attributes) {
        LeadQualified data = new LeadQualified(leadId, "lead-" + leadId + "@" + companyDomain, "Dana", "Kim", "Director",
                "Company of " + companyDomain, companyDomain, country, "webinar", "q4", priority, 30, 25, 55,
                "Fit and intent thresholds met", 1, List.of(new LeadQualified.ScoreLine("industry", "FIT", 10, "Software")),
                List.of(), Instant.now(), "A", companyDomain, 25, "Software", employees, attributes);
        return codec.encode(TestEvents.wrap(EventType.LEAD_QUALIFIED, "scoring-service", leadId.toString(), data));
    }
}
