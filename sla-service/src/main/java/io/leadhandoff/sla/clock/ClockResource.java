package io.leadhandoff.sla.clock;

import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import java.time.Instant;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/clocks")
@Produces(MediaType.APPLICATION_JSON)
public class ClockResource {

    private final ClockService clocks;
    private final SecurityIdentity identity;

    public ClockResource(ClockService clocks, SecurityIdentity identity) {
        this.clocks = clocks;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.SALES_REP, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN, Roles.INTEGRATION })
    @Operation(summary = "SLA clocks, the soonest due first, filtered by lead, owner, team, status, kind and due before;"
            + " each with its calendar, target, and business time elapsed and remaining",
            description = "A sales manager sees their teams' clocks, a rep their own")
    public List<ClockView> find(@QueryParam("leadId") UUID leadId, @QueryParam("owner") String owner,
            @QueryParam("team") String team, @QueryParam("status") SlaClock.Status status,
            @QueryParam("kind") SlaClock.Kind kind, @QueryParam("dueBefore") String dueBefore,
            @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(1000) Integer limit) {
        Instant due;
        try {
            due = dueBefore == null ? null : Instant.parse(dueBefore);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest("dueBefore: '" + dueBefore + "' is not an instant (e.g. 2026-11-30T09:00:00Z)");
        }
        boolean readsAll = identity.hasRole(Roles.REVOPS_ADMIN) || identity.hasRole(Roles.INTEGRATION);
        String me = identity.getPrincipal().getName();
        return clocks.find(new ClockService.Filter(leadId, owner, team, status, kind, due),
                readsAll || !identity.hasRole(Roles.SALES_MANAGER) ? null : me,
                readsAll || identity.hasRole(Roles.SALES_MANAGER) ? null : me, limit);
    }
}
