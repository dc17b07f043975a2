package io.leadhandoff.reporting.funnel;

import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public class FunnelResource {

    private final FunnelService funnels;

    public FunnelResource(FunnelService funnels) {
        this.funnels = funnels;
    }

    @GET
    @Path("funnel")
    @RolesAllowed({ Roles.MARKETING, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Counts per stage (leads, MQL, assigned, breached) and the MQL-to-assigned rate",
            description = "MQL cohort by MQL date. Dates are UTC days (to inclusive) or ISO-8601 instants (to exclusive). "
                    + "Default: the last 30 days.")
    public Funnel funnel(@Parameter(description = "2026-11-01 or 2026-11-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "2026-11-30 or 2026-12-01T00:00:00Z") @QueryParam("to") String to) {
        Instant end = to == null ? LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                : parse("to", to, true);
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : parse("from", from, false);
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("'from' must be before 'to'");
        }
        return funnels.funnel(start, end);
    }

    /** Reports cover the years a database can store and a business can have: 1900 to 9999. */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    /** A day means its whole day: as 'to' it is inclusive. */
    private static Instant parse(String name, String value, boolean end) {
        Instant at;
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                at = (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                at = Instant.parse(value);
            }
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("'" + name + "' must be a date (2026-11-01) or an ISO-8601 instant, not '"
                    + value + "'");
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw ProblemException.badRequest("'" + name + "' must lie between 1900 and 9999, not '" + value + "'");
        }
        return at;
    }
}
