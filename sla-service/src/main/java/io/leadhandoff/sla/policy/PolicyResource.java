package io.leadhandoff.sla.policy;

import io.leadhandoff.common.error.Problem;
import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.json.StrictReader;
import io.leadhandoff.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** SLA policies as versioned data: revops-admin writes drafts and activates them; managers read. */
@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    /** The result of a validation: empty violations when the version could be activated. */
    public record Validation(boolean valid, List<Problem.Violation> violations) {
    }

    private final PolicyService policies;
    private final SecurityIdentity identity;
    private final StrictReader strict;

    public PolicyResource(PolicyService policies, SecurityIdentity identity, StrictReader strict) {
        this.policies = policies;
        this.identity = identity;
        this.strict = strict;
    }

    @GET
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Every policy version, newest first, with its status (DRAFT, ACTIVE, RETIRED)")
    public List<PolicyView> list() {
        return policies.list();
    }

    @GET
    @Path("{version}")
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "One policy version: its tiers, clocks and escalation ladders")
    public PolicyView get(@PathParam("version") Integer version) {
        return policies.get(version);
    }

    @GET
    @Path("{version}/history")
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Who changed the version and when: created, updated, activated, retired")
    public List<PolicyChange> history(@PathParam("version") Integer version) {
        return policies.history(version);
    }

    @POST
    @RolesAllowed(Roles.REVOPS_ADMIN)
    @Operation(summary = "A new draft: empty, or a copy of version copyOf")
    public Response create(@QueryParam("copyOf") Integer copyOf) {
        PolicyView created = policies.create(copyOf, actor());
        return Response.created(URI.create("/api/v1/policies/" + created.version())).entity(created).build();
    }

    @PUT
    @Path("{version}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REVOPS_ADMIN)
    @Operation(summary = "Replace a draft (409 for an active or retired version; 422 naming each invalid field:"
            + " target <= 0, a warning after the target, an unknown event, ...)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PolicyDefinition.class)))
    public PolicyView update(@PathParam("version") Integer version, String body) throws IOException {
        PolicyDefinition definition;
        try {
            definition = strict.read(body, PolicyDefinition.class);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return policies.update(version, definition, actor());
    }

    @POST
    @Path("{version}/validate")
    @RolesAllowed(Roles.REVOPS_ADMIN)
    @Operation(summary = "Check a version without changing anything")
    public Validation validate(@PathParam("version") Integer version) {
        List<Problem.Violation> violations = policies.validate(version);
        return new Validation(violations.isEmpty(), violations);
    }

    @POST
    @Path("{version}/activate")
    @RolesAllowed(Roles.REVOPS_ADMIN)
    @Operation(summary = "Make this version the active one (the previous one is retired): assignments from now on get"
            + " its clocks; running clocks keep the version they started under")
    public PolicyView activate(@PathParam("version") Integer version) {
        return policies.activate(version, actor());
    }

    @POST
    @Path("{version}/retire")
    @RolesAllowed(Roles.REVOPS_ADMIN)
    @Operation(summary = "Retire a draft (the active version is replaced by activating another)")
    public PolicyView retire(@PathParam("version") Integer version) {
        return policies.retire(version, actor());
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
