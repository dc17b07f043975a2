package io.leadhandoff.sla.clock;

import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
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
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.REVOPS_ADMIN, Roles.INTEGRATION })
    @Operation(summary = "The SLA clocks of a lead", description = "A sales manager sees the clocks of their team's leads only")
    public List<ClockView> ofLead(@QueryParam("leadId") UUID leadId) {
        if (leadId == null) {
            throw ProblemException.badRequest("Query parameter leadId is required");
        }
        boolean readsAll = identity.hasRole(Roles.REVOPS_ADMIN) || identity.hasRole(Roles.INTEGRATION);
        return clocks.ofLead(leadId, readsAll ? null : identity.getPrincipal().getName());
    }
}
