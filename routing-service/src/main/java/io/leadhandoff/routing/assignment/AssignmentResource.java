package io.leadhandoff.routing.assignment;

import io.leadhandoff.common.security.Roles;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/assignments")
@Produces(MediaType.APPLICATION_JSON)
public class AssignmentResource {

    private final AssignmentService assignments;
    private final SecurityIdentity identity;

    public AssignmentResource(AssignmentService assignments, SecurityIdentity identity) {
        this.assignments = assignments;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Assignments, newest first, optionally of one lead; a manager sees their team's, an admin all")
    public List<AssignmentView> search(@QueryParam("leadId") UUID leadId,
            @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(1000) Integer limit) {
        return assignments.search(leadId, readsAll() ? null : identity.getPrincipal().getName(), limit);
    }

    @GET
    @Path("mine")
    @RolesAllowed(Roles.SALES_REP)
    @Operation(summary = "The caller's own assignments, newest first")
    public List<AssignmentView> mine() {
        return assignments.ownedBy(identity.getPrincipal().getName());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.SALES_REP, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "One assignment: readable by its owner, the team's manager and admins")
    public AssignmentView get(@PathParam("id") UUID id) {
        return assignments.get(id, identity.getPrincipal().getName(), readsAll());
    }

    @GET
    @Path("{id}/explanation")
    @RolesAllowed({ Roles.SALES_REP, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Why the lead went where it did: the rule (or owned account) that decided, each candidate"
            + " passed over and why, what the rules looked at, and the assignment's history")
    public AssignmentExplanation explanation(@PathParam("id") UUID id) {
        return assignments.explain(id, identity.getPrincipal().getName(), readsAll());
    }

    private boolean readsAll() {
        return identity.hasRole(Roles.REVOPS_ADMIN);
    }
}
