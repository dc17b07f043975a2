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
}
