package io.leadhandoff.reporting.report;

import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** A report's query parameters, shared by the API and the dashboard. */
public class ReportQuery {

    @QueryParam("from")
    @Parameter(description = "First day (2026-11-01, UTC) or instant; default 30 days before 'to'")
    public String from;

    @QueryParam("to")
    @Parameter(description = "Last day, inclusive (2026-11-30, UTC), or instant, exclusive; default today")
    public String to;

    @QueryParam("source")
    public String source;

    @QueryParam("campaign")
    public String campaign;

    @QueryParam("segment")
    @Parameter(description = "SMB, MID_MARKET or ENTERPRISE")
    public String segment;

    @QueryParam("team")
    public String team;

    @QueryParam("owner")
    public String owner;

    @QueryParam("priority")
    @Parameter(description = "HOT, HIGH or WARM")
    public String priority;

    @QueryParam("cohort")
    @Parameter(description = "week, month or quarter: the funnel by MQL week, month or quarter")
    public String cohort;

    @QueryParam("by")
    @Parameter(description = "velocity: team, owner, priority, source; rejections: source, segment, owner, campaign")
    public String by;

    @QueryParam("table")
    @Parameter(description = "CSV only: which table; default the report's first")
    public String table;

    ReportFilter filter(Instant now) {
        return ReportFilter.of(from, to, source, campaign, segment, team, owner, priority, cohort, now);
    }
}
