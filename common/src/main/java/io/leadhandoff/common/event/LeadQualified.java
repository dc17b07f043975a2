package io.leadhandoff.common.event;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A lead became an MQL: everything sales needs to see why, in one glance. {@code fitTier},
 * {@code accountDomain} and {@code accountScore} (the decayed intent of all the account's
 * contacts) were added in schema version 1; {@code industry}, {@code employees} and the lead's
 * custom {@code attributes} (language, product interest, ...: what routing rules look at) later.
 * Older events carry none of them.
 */
public record LeadQualified(
        @NotNull UUID leadId,
        @NotBlank String email,
        String firstName,
        String lastName,
        String jobTitle,
        String companyName,
        String companyDomain,
        String country,
        String source,
        String campaign,
        @NotNull Priority priority,
        int fitScore,
        int intentScore,
        int totalScore,
        @NotBlank String reason,
        int modelVersion,
        @NotNull List<@Valid ScoreLine> breakdown,
        @NotNull List<@Valid Touch> lastTouches,
        @NotNull Instant qualifiedAt,
        String fitTier,
        String accountDomain,
        Integer accountScore,
        String industry,
        Integer employees,
        Map<String, Object> attributes) {

    public LeadQualified(UUID leadId, String email, String firstName, String lastName, String jobTitle,
            String companyName, String companyDomain, String country, String source, String campaign, Priority priority,
            int fitScore, int intentScore, int totalScore, String reason, int modelVersion, List<ScoreLine> breakdown,
            List<Touch> lastTouches, Instant qualifiedAt) {
        this(leadId, email, firstName, lastName, jobTitle, companyName, companyDomain, country, source, campaign,
                priority, fitScore, intentScore, totalScore, reason, modelVersion, breakdown, lastTouches, qualifiedAt,
                null, null, null, null, null, null);
    }

    /** One rule's contribution to the score. */
    public record ScoreLine(@NotBlank String rule, @NotBlank String category, int points, String detail) {
    }

    /** A meaningful touch, with verbatim form answers in {@code properties}. */
    public record Touch(@NotBlank String type, String url, @NotNull Instant occurredAt, Map<String, Object> properties) {
    }
}
