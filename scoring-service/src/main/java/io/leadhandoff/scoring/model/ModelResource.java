package io.leadhandoff.scoring.model;

import io.leadhandoff.common.error.Problem;
import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.json.StrictReader;
import io.leadhandoff.common.security.Roles;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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

/** Scoring models as versioned data: marketing and RevOps write drafts and activate them; every role reads. */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ModelResource {

    private final ModelService models;
    private final SecurityIdentity identity;
    private final StrictReader strict;
    private final Backtest backtest;

    private final Feedback feedback;

    public ModelResource(ModelService models, SecurityIdentity identity, StrictReader strict, Backtest backtest,
            Feedback feedback) {
        this.feedback = feedback;
        this.backtest = backtest;
        this.models = models;
        this.identity = identity;
        this.strict = strict;
    }

    /** The result of a validation: empty violations when the version could be activated. */
    public record Validation(boolean valid, List<Problem.Violation> violations) {
    }

    @GET
    @Operation(summary = "Every model version, newest first, with its status (DRAFT, ACTIVE, RETIRED)")
    public List<ModelSummary> list() {
        return models.list();
    }

    @GET
    @Path("{version}/feedback")
    @Operation(summary = "What sales said about this version's MQLs: acceptance rate and rejection reasons, by rule that"
            + " fired and by source")
    public Feedback.Report feedback(@PathParam("version") Integer version) {
        return feedback.of(version);
    }

    @GET
    @Path("{version}")
    @Operation(summary = "One model version: rules, qualification policy, and the progress of its re-score after activation")
    public ModelView get(@PathParam("version") Integer version) {
        return models.get(version);
    }

    @GET
    @Path("{version}/history")
    @Operation(summary = "Who changed the version and when: created, updated, activated, retired")
    public List<ModelChange> history(@PathParam("version") Integer version) {
        return models.history(version);
    }

    @POST
    @RolesAllowed({ Roles.MARKETING, Roles.REVOPS_ADMIN })
    @Operation(summary = "A new draft: empty, or a copy of version copyOf")
    public Response create(@QueryParam("copyOf") Integer copyOf) {
        ModelView created = models.create(copyOf, actor());
        return Response.created(URI.create("/api/v1/models/" + created.version())).entity(created).build();
    }

    @PUT
    @Path("{version}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.MARKETING, Roles.REVOPS_ADMIN })
    @Operation(summary = "Replace a draft's rules and policy (409 for an active or retired version, 422 naming each invalid rule)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ModelDefinition.class)))
    public ModelView update(@PathParam("version") Integer version, String body) throws IOException {
        // a misspelt rule field must not be silently ignored: read strictly
        ModelDefinition definition;
        try {
            definition = strict.read(body, ModelDefinition.class);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return models.update(version, definition, actor());
    }

    @POST
    @Path("{version}/validate")
    @RolesAllowed({ Roles.MARKETING, Roles.REVOPS_ADMIN })
    @Operation(summary = "Check a version's rules without changing anything")
    public Validation validate(@PathParam("version") Integer version) {
        List<Problem.Violation> violations = models.validate(version);
        return new Validation(violations.isEmpty(), violations);
    }

    @POST
    @Path("{version}/backtest")
    @RolesAllowed({ Roles.MARKETING, Roles.REVOPS_ADMIN })
    @Operation(summary = "Replay the stored history under this version next to the active one (reads only)",
            description = "MQL count, acceptance and SQL rates where outcomes are known, by source and fit tier,"
                    + " and the leads whose state would change (paged)")
    public Backtest.Result backtest(@PathParam("version") Integer version, @QueryParam("source") String source,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) Integer page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(1000) Integer size) {
        return backtest.run(version, source, page, size);
    }

    @POST
    @Path("{version}/activate")
    @RolesAllowed({ Roles.MARKETING, Roles.REVOPS_ADMIN })
    @Operation(summary = "Make this version the active one (the previous one is retired); open leads are re-scored in the background")
    public ModelView activate(@PathParam("version") Integer version) {
        return models.activate(version, actor());
    }

    @POST
    @Path("{version}/retire")
    @RolesAllowed({ Roles.MARKETING, Roles.REVOPS_ADMIN })
    @Operation(summary = "Retire a draft (the active version is replaced by activating another)")
    public ModelView retire(@PathParam("version") Integer version) {
        return models.retire(version, actor());
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
