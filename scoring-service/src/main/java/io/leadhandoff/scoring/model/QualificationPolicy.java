package io.leadhandoff.scoring.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * When a lead is an MQL and how urgent it is: fit >= {@code minFit} and intent >= {@code minIntent}
 * (or total >= {@code minTotal} when set), not disqualified; a touch of a {@code fastTrack} type
 * (demo request, pricing inquiry, contact sales) qualifies at once with priority HOT; otherwise
 * HIGH from {@code highIntent} up, WARM below. In {@code twoTier} mode a lead that qualifies by its
 * scores stays in nurture, and only a fast-track touch hands it to sales. Fit tier A from
 * {@code fitTiers.a}, B from {@code fitTiers.b}, C below. Intent fades with {@code decay}.
 */
public record QualificationPolicy(
        @Min(0) @Max(100_000) int minFit,
        @Min(0) @Max(100_000) int minIntent,
        @Min(0) @Max(100_000) Integer minTotal,
        @NotNull @Size(max = 50) List<@NotBlank @Size(max = 100) String> fastTrack,
        @Min(0) @Max(100_000) Integer highIntent,
        boolean twoTier,
        @NotNull @Valid FitTiers fitTiers,
        @Valid Decay decay) {

    public record FitTiers(@Min(0) @Max(100_000) int a, @Min(0) @Max(100_000) int b) {
    }

    public enum DecayMode { HALF_LIFE, LINEAR }

    /** Intent points lose weight with the age of the touch: halved every {@code days}, or down to zero over {@code days}. */
    public record Decay(@NotNull DecayMode mode, @Min(1) @Max(3650) int days) {
    }

    public static QualificationPolicy defaults() {
        return new QualificationPolicy(20, 15, null, List.of("demo_request", "pricing_inquiry", "contact_sales"), 30,
                false, new FitTiers(25, 15), null);
    }
}
