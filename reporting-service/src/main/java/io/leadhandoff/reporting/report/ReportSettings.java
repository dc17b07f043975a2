package io.leadhandoff.reporting.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How reports are computed. */
@ConfigMapping(prefix = "reporting.reports")
public interface ReportSettings {

    /**
     * Up to this many MQL cycles in a period, velocity percentiles are exact (every duration
     * sorted); beyond, they are estimated from the monthly histograms, within 1%.
     */
    @WithDefault("100000")
    long exactPercentilesUpTo();
}
