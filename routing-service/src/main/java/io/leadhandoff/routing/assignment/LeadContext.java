package io.leadhandoff.routing.assignment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a rep sees of a lead with its assignment: who, why it is an MQL, and what they did. */
public record LeadContext(
        String email,
        String name,
        String jobTitle,
        String company,
        String country,
        String source,
        String campaign,
        int fitScore,
        int intentScore,
        int totalScore,
        String reason,
        List<String> scoreBreakdown,
        List<Touch> lastTouches) {

    public record Touch(String type, String url, Instant occurredAt, Map<String, Object> properties) {
    }

    /** Touch types that ask for sales outright. */
    static final java.util.Set<String> ASKS = java.util.Set.of("demo_request", "contact_sales", "pricing_inquiry");

    /**
     * What the rep should do first, from what the lead did: answer an explicit ask by phone, quoting
     * what they wrote (so the rep does not ask again); otherwise open by e-mail on what drew them.
     */
    public String nextStep() {
        Touch ask = lastTouches.stream().filter(t -> ASKS.contains(t.type())).findFirst().orElse(null);
        if (ask != null) {
            String said = ask.properties() == null ? null : ask.properties().values().stream()
                    .filter(v -> v != null && !v.toString().isBlank()).map(Object::toString).findFirst().orElse(null);
            return "Call: they asked for " + ask.type().replace('_', ' ') + " on " + ask.occurredAt()
                    + (said == null ? "." : ". Open with what they wrote: \"" + said + "\"");
        }
        Touch last = lastTouches.isEmpty() ? null : lastTouches.get(0);
        return last == null ? "E-mail first: introduce yourself and why they qualified (" + reason + ")."
                : "E-mail first, about what they looked at last (" + last.type().replace('_', ' ')
                        + (last.url() == null ? "" : " " + last.url()) + "), then call.";
    }
}
