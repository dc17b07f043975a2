package io.leadhandoff.scoring.model;

import io.leadhandoff.common.condition.Condition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One scoring rule. Every rule has an {@code id}, the score it {@code feeds} (fit, intent, or
 * disqualify), {@code points} (negative allowed) and an optional {@code cap} on what it can add up
 * to; what it looks at depends on its {@code kind}:
 * <ul>
 * <li>{@code FIELD}: a {@link Condition} over the lead's attributes (all / any combine several);</li>
 * <li>{@code EMAIL_DOMAIN}: the lead's e-mail domain is in {@code domainList} (the shipped
 *     {@value #PERSONAL_DOMAINS} list, or a list of the model such as competitors or customers);</li>
 * <li>{@code BEHAVIOUR}: touches of an event type (and URL pattern), at least {@code minCount}
 *     within {@code windowDays}; each further {@code minCount} earns the points again up to the
 *     cap; or, with {@code allOf}, several patterns inside one window.</li>
 * </ul>
 * A rule feeding {@code DISQUALIFY} blocks MQL outright and says where the lead goes instead.
 */
public record Rule(
        @NotBlank @Size(max = 100) String id,
        @Size(max = 500) String description,
        @NotNull Kind kind,
        @NotNull Feeds feeds,
        @Min(-1000) @Max(1000) int points,
        @Min(-100_000) @Max(100_000) Integer cap,
        Condition condition,
        @Size(max = 100) String domainList,
        @Valid Behaviour behaviour,
        Outcome outcome) {

    public static final String PERSONAL_DOMAINS = "personal";

    public enum Kind { FIELD, EMAIL_DOMAIN, BEHAVIOUR }

    public enum Feeds { FIT, INTENT, DISQUALIFY }

    /** Where a disqualified lead goes instead of sales. */
    public enum Outcome { DISQUALIFIED, ROUTED_ELSEWHERE }

    public enum UrlMatch { GLOB, REGEX }

    /** One touch pattern: an event type and, optionally, a URL pattern (glob by default). */
    public record Touch(@NotBlank @Size(max = 100) String eventType, @Size(max = 500) String url, UrlMatch match) {
    }

    public record Behaviour(
            @Size(max = 100) String eventType,
            @Size(max = 500) String url,
            UrlMatch match,
            @Min(1) @Max(1000) Integer minCount,
            @Min(1) @Max(365) Integer windowDays,
            @Size(max = 10) List<@NotNull @Valid Touch> allOf) {
    }

    public String describe() {
        return description == null || description.isBlank() ? id : description;
    }
}
