package io.leadhandoff.reporting.report;

import io.leadhandoff.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/reports")
@RolesAllowed({ Roles.MARKETING, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
public class ReportResource {

    private final ReportService reports;

    public ReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A report: funnel, velocity, sources, rejections, sla-compliance, routing-audit, calibration, recycled",
            description = "The MQL cohort is the cycles that became MQL in [from, to). Filters are exact matches."
                    + " Accept: text/csv returns one table.")
    public Report report(@PathParam("name") String name, @BeanParam ReportQuery query) {
        return reports.report(name, query);
    }

    @GET
    @Path("{name}")
    @Produces(ReportCsv.MEDIA_TYPE + ";qs=0.5")
    @Operation(summary = "One table of a report as CSV (header row, comma-separated, RFC 4180 quoting)")
    public Response csv(@PathParam("name") String name, @BeanParam ReportQuery query) {
        return ReportCsv.download(name, reports.report(name, query), query.table);
    }
}
