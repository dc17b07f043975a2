package io.leadhandoff.reporting.report;

import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringWriter;
import java.time.InstantSource;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path("/api/v1/reports")
@RolesAllowed({ Roles.MARKETING, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
public class ReportResource {

    static final String CSV = "text/csv";

    private final ReportService reports;
    private final InstantSource clock;

    public ReportResource(ReportService reports, InstantSource clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A report: funnel, velocity, sources, rejections, sla-compliance, routing-audit, calibration, recycled",
            description = "The MQL cohort is the cycles that became MQL in [from, to). Dates are UTC days (to inclusive) or"
                    + " ISO-8601 instants (to exclusive); default: the last 30 days. Filters are exact matches. cohort groups"
                    + " the funnel by week, month or quarter of the MQL date. by groups velocity (team, owner, priority,"
                    + " source) and rejections (source, segment, owner, campaign). Accept: text/csv returns one table.")
    public Report report(@PathParam("name") String name, @QueryParam("from") @Parameter(description = "2026-11-01") String from,
            @QueryParam("to") @Parameter(description = "2026-11-30") String to, @QueryParam("source") String source,
            @QueryParam("campaign") String campaign, @QueryParam("segment") String segment, @QueryParam("team") String team,
            @QueryParam("owner") String owner, @QueryParam("priority") String priority,
            @QueryParam("cohort") @Parameter(description = "week, month or quarter") String cohort,
            @QueryParam("by") String by) {
        return reports.report(name, ReportFilter.of(from, to, source, campaign, segment, team, owner, priority, cohort,
                clock.instant()), by);
    }

    @GET
    @Path("{name}")
    @Produces(CSV + ";qs=0.5")
    @Operation(summary = "One table of a report as CSV (header row, comma-separated, RFC 4180 quoting)")
    public Response csv(@PathParam("name") String name, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("source") String source, @QueryParam("campaign") String campaign,
            @QueryParam("segment") String segment, @QueryParam("team") String team, @QueryParam("owner") String owner,
            @QueryParam("priority") String priority, @QueryParam("cohort") String cohort, @QueryParam("by") String by,
            @QueryParam("table") @Parameter(description = "which table; default the report's first") String table) {
        Report report = report(name, from, to, source, campaign, segment, team, owner, priority, cohort, by);
        String chosen = table == null ? report.tables().keySet().iterator().next() : table;
        Report.Table t = report.tables().get(chosen);
        if (t == null) {
            throw ProblemException.badRequest("'table' must be one of " + report.tables().keySet() + " for " + name);
        }
        return Response.ok(csv(t)).type(CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "-" + chosen + ".csv\"").build();
    }

    static String csv(Report.Table table) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(table.columns().toArray(String[]::new)).get())) {
            for (Map<String, Object> row : table.rows()) {
                printer.printRecord(table.columns().stream().map(row::get).toList());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
