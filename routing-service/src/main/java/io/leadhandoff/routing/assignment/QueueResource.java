package io.leadhandoff.routing.assignment;

import io.leadhandoff.common.security.Roles;
import io.leadhandoff.routing.rule.Queue;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The queues where leads without an owner wait; a manager claims or assigns them (POST /assignments/{id}/reassign). */
@Path("/api/v1/queues")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    private final AssignmentService assignments;
    private final SecurityIdentity identity;

    public QueueResource(AssignmentService assignments, SecurityIdentity identity) {
        this.assignments = assignments;
        this.identity = identity;
    }

    @GET
    @Path("{queue}")
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Leads waiting in a queue (FALLBACK, ENRICHMENT, CUSTOMER_SUCCESS, TRIAGE), oldest first, with"
            + " their age in seconds and why; a manager sees their teams' and those no rule routed")
    public List<AssignmentService.QueueItem> queue(@PathParam("queue") Queue queue,
            @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(1000) Integer limit) {
        return assignments.queue(queue, identity.hasRole(Roles.REVOPS_ADMIN) ? null : identity.getPrincipal().getName(),
                limit);
    }
}
