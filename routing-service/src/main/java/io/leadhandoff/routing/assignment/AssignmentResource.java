package io.leadhandoff.routing.assignment;

import io.leadhandoff.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import io.leadhandoff.common.event.LeadSalesQualified;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
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
    private final Dispositions dispositions;

    public AssignmentResource(AssignmentService assignments, SecurityIdentity identity, Dispositions dispositions) {
        this.dispositions = dispositions;
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

    @POST
    @Path("{id}/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SALES_REP, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Accept the lead (SAL): its owner, the team's manager or an admin; 409 unless just assigned")
    public AssignmentView accept(@PathParam("id") UUID id, @Valid Dispositions.Accept request) {
        return dispositions.accept(id, request, actor());
    }

    @POST
    @Path("{id}/hold")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SALES_REP, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Put the lead on hold, waiting on the prospect (a reason is required): the SLA policy pauses"
            + " the clocks it names; 409 if on hold already")
    public AssignmentView hold(@PathParam("id") UUID id, @Valid @NotNull Dispositions.Hold request) {
        return dispositions.hold(id, request, actor());
    }

    @POST
    @Path("{id}/resume")
    @RolesAllowed({ Roles.SALES_REP, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Take the lead off hold: paused clocks count again; 409 if it is not on hold")
    public AssignmentView resume(@PathParam("id") UUID id) {
        return dispositions.resume(id, actor());
    }

    @POST
    @Path("{id}/qualify")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SALES_REP, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Qualify the lead (SQL) with budget, authority, need and timeline (accepting it if not yet)")
    public AssignmentView qualify(@PathParam("id") UUID id, @Valid @NotNull LeadSalesQualified.Bant bant) {
        return dispositions.qualify(id, bant, actor());
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SALES_REP, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Reject the lead with a reason from the fixed list (OTHER needs a note); 409 after qualification."
            + " INSUFFICIENT_DATA sends it to the enrichment queue")
    public AssignmentView reject(@PathParam("id") UUID id, @Valid @NotNull Dispositions.Reject request) {
        return dispositions.reject(id, request, actor());
    }

    @POST
    @Path("{id}/touches")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SALES_REP, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Log a touch (call, e-mail, meeting) with a note; the first one is announced as FirstTouchLogged")
    public Response touch(@PathParam("id") UUID id, @Valid @NotNull Dispositions.Touch request) {
        return Response.status(Response.Status.CREATED).entity(dispositions.touch(id, request, actor())).build();
    }

    @POST
    @Path("{id}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SALES_REP, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Record what became of a qualified lead: OPPORTUNITY, WON or LOST")
    public AssignmentView outcome(@PathParam("id") UUID id, @Valid @NotNull Dispositions.Outcome request) {
        return dispositions.outcome(id, request, actor());
    }

    /** Who gets it (a login; none: the rules choose someone else) and why. */
    public record Reassign(@Size(max = 100) String owner, @NotBlank @Size(max = 2000) String reason) {
    }

    @POST
    @Path("{id}/reassign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "A manager (of the team) or an admin hands the lead to a rep, or lets the rules choose another;"
            + " a queued lead is claimed or assigned the same way. The reason is kept")
    public AssignmentView reassign(@PathParam("id") UUID id, @Valid @NotNull Reassign request) {
        return assignments.reassign(id, request.owner(), request.reason(), actor());
    }

    private Dispositions.Actor actor() {
        return new Dispositions.Actor(identity.getPrincipal().getName(), readsAll());
    }

    private boolean readsAll() {
        return identity.hasRole(Roles.REVOPS_ADMIN);
    }
}
