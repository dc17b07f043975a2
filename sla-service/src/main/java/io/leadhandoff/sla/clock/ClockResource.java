package io.leadhandoff.sla.clock;

import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.security.Roles;
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

    public ClockResource(ClockService clocks) {
        this.clocks = clocks;
    }

    @GET
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.REVOPS_ADMIN, Roles.INTEGRATION })
    @Operation(summary = "The SLA clocks of a lead")
    public List<ClockView> ofLead(@QueryParam("leadId") UUID leadId) {
        if (leadId == null) {
            throw ProblemException.badRequest("Query parameter leadId is required");
        }
        return clocks.ofLead(leadId);
    }
}
