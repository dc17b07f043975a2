package io.leadhandoff.scoring.lead;

import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

// the class sits at /api/v1 so that /api/v1/leads:batch is matched next to /api/v1/leads/{id}
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LeadResource {

    private final LeadService leads;
    private final SecurityIdentity identity;

    public LeadResource(LeadService leads, SecurityIdentity identity) {
        this.leads = leads;
        this.identity = identity;
    }

    @POST
    @Path("leads")
    @RolesAllowed({ Roles.INTEGRATION, Roles.MARKETING, Roles.REVOPS_ADMIN })
    @Operation(summary = "Create or update a lead by normalised email", description = "201 when created, 200 when it existed")
    public Response upsert(@Valid @NotNull LeadRequest request, @Context UriInfo uri) {
        LeadService.Upserted result = leads.upsert(request);
        return result.created()
                ? Response.created(uri.getAbsolutePathBuilder().path(result.lead().id().toString()).build())
                        .entity(result.lead()).build()
                : Response.ok(result.lead()).build();
    }

    @GET
    @Path("leads/{id}")
    @RolesAllowed({ Roles.INTEGRATION, Roles.MARKETING, Roles.REVOPS_ADMIN, Roles.SALES_MANAGER })
    @Operation(summary = "A lead: profile, fit / intent / total score with breakdown, lifecycle stage, MQL reason",
            description = "A sales manager reads the leads assigned to their team only (403 otherwise)")
    public LeadView get(@PathParam("id") UUID id) {
        return leads.get(id, scope());
    }

    @GET
    @Path("leads/{id}/explanation")
    @RolesAllowed({ Roles.INTEGRATION, Roles.MARKETING, Roles.REVOPS_ADMIN, Roles.SALES_MANAGER })
    @Operation(summary = "Why the lead scores what it does, as of now: rules fired with points and reasons, thresholds, last touches")
    public Explanation explanation(@PathParam("id") UUID id) {
        return leads.explain(id, scope());
    }

    @GET
    @Path("leads/{id}/timeline")
    @RolesAllowed({ Roles.INTEGRATION, Roles.MARKETING, Roles.REVOPS_ADMIN, Roles.SALES_MANAGER })
    @Operation(summary = "The lead's lifecycle transitions, oldest first, each with its cause")
    public java.util.List<Lifecycle.StageChange> timeline(@PathParam("id") UUID id) {
        return leads.timeline(id, scope());
    }

    public static final int MAX_BATCH = 1000;

    /** Per request, in order: the lead's id and whether this batch created it. */
    public record BatchItem(int index, UUID id, boolean created) {
    }

    public record BatchResult(int created, int updated, java.util.List<BatchItem> items) {
    }

    @POST
    @Path("leads:batch")
    @RolesAllowed({ Roles.INTEGRATION, Roles.MARKETING, Roles.REVOPS_ADMIN })
    @Operation(summary = "Create or update up to 1,000 leads by normalised email, in one transaction",
            description = "All or nothing: one invalid lead refuses the batch (400 naming it); more than 1,000 is a 413")
    public BatchResult upsertBatch(@NotNull java.util.List<@NotNull @Valid LeadRequest> requests) {
        if (requests.size() > MAX_BATCH) {
            throw ProblemException.batchTooLarge("leads", MAX_BATCH, requests.size());
        }
        if (requests.isEmpty()) {
            return new BatchResult(0, 0, java.util.List.of());
        }
        java.util.List<LeadService.Upserted> done = leads.upsertAll(requests);
        java.util.List<BatchItem> items = new java.util.ArrayList<>(done.size());
        int created = 0;
        for (int i = 0; i < done.size(); i++) {
            items.add(new BatchItem(i, done.get(i).lead().id(), done.get(i).created()));
            created += done.get(i).created() ? 1 : 0;
        }
        return new BatchResult(created, done.size() - created, items);
    }

    /** The other lead of a merge. */
    public record MergeRequest(@jakarta.validation.constraints.NotNull UUID otherId) {
    }

    @POST
    @Path("leads/{id}/merge")
    @RolesAllowed({ Roles.INTEGRATION, Roles.MARKETING, Roles.REVOPS_ADMIN })
    @Operation(summary = "Merge another lead (the same person) into this one: touches and history combine, scores are"
            + " recomputed, LeadMerged is published")
    public LeadView merge(@PathParam("id") UUID id, @Valid @NotNull MergeRequest request) {
        return leads.merge(id, request.otherId());
    }

    /** null: reads every lead; a manager's login: reads her teams' leads only. */
    private String scope() {
        boolean readsAll = identity.hasRole(Roles.INTEGRATION) || identity.hasRole(Roles.MARKETING)
                || identity.hasRole(Roles.REVOPS_ADMIN);
        return readsAll ? null : identity.getPrincipal().getName();
    }
}
