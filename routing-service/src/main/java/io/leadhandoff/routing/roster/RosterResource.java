package io.leadhandoff.routing.roster;

import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.json.StrictReader;
import io.leadhandoff.common.security.Roles;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The roster: teams (revops-admin), reps and their absences (revops-admin, or the team's manager), and its audit. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RosterResource {

    /** Logins are OIDC user names; team names are free text within reason. */
    static final String LOGIN = "[A-Za-z0-9._@-]{1,100}";

    private final RosterService roster;
    private final RosterAudit audit;
    private final SecurityIdentity identity;
    private final StrictReader strict;

    public RosterResource(RosterService roster, RosterAudit audit, SecurityIdentity identity, StrictReader strict) {
        this.strict = strict;
        this.roster = roster;
        this.audit = audit;
        this.identity = identity;
    }

    @GET
    @Path("teams")
    @RolesAllowed({ Roles.SALES_REP, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Teams with their manager, channels, out-of-hours policy and reps")
    public List<TeamView> teams() {
        return roster.teams();
    }

    @PUT
    @Path("teams/{name}")
    @RolesAllowed(Roles.REVOPS_ADMIN)
    @Operation(summary = "Creates or changes a team (audited; a new manager is announced as TeamChanged)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TeamRequest.class)))
    public TeamView putTeam(@PathParam("name") @Pattern(regexp = "[^/]{1,200}") String name, String body) throws IOException {
        return roster.putTeam(name.strip(), read(body, TeamRequest.class), caller());
    }

    @GET
    @Path("reps")
    @RolesAllowed({ Roles.SALES_REP, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Reps, optionally of one team: coverage, capacity, working hours, absences")
    public List<RepView> reps(@QueryParam("team") String team) {
        return roster.reps(team);
    }

    @GET
    @Path("reps/{login}")
    @RolesAllowed({ Roles.SALES_REP, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "One rep")
    public RepView rep(@PathParam("login") @Pattern(regexp = LOGIN) String login) {
        return roster.rep(login);
    }

    @PUT
    @Path("reps/{login}")
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Creates or replaces a rep (a manager: in their own teams). Marked DEPARTED, the rep's open"
            + " assignments are routed again at once")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RepRequest.class)))
    public RepView putRep(@PathParam("login") @Pattern(regexp = LOGIN) String login, String body) throws IOException {
        return roster.putRep(login, read(body, RepRequest.class), caller());
    }

    @POST
    @Path("reps/{login}/absences")
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "An out-of-office period: the rep gets no new leads from its start to its end")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AbsenceRequest.class)))
    public Response addAbsence(@PathParam("login") @Pattern(regexp = LOGIN) String login, String body) throws IOException {
        return Response.status(Response.Status.CREATED)
                .entity(roster.addAbsence(login, read(body, AbsenceRequest.class), caller())).build();
    }

    @DELETE
    @Path("reps/{login}/absences/{id}")
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Removes an absence")
    public Response removeAbsence(@PathParam("login") @Pattern(regexp = LOGIN) String login, @PathParam("id") UUID id) {
        roster.removeAbsence(login, id, caller());
        return Response.noContent().build();
    }

    @GET
    @Path("roster/changes")
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Changes to teams, reps, absences, rules and owned accounts, newest first: who, when, before and after")
    public List<RosterAudit.Change> changes(@QueryParam("kind") RosterAudit.Kind kind, @QueryParam("key") String key,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) Integer limit) {
        return audit.changes(kind, key, limit);
    }

    /** Roster entries are written by people: a misspelt field is refused, not silently ignored. */
    private <T> T read(String body, Class<T> type) throws IOException {
        try {
            return strict.read(body, type);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    private RosterService.Caller caller() {
        return new RosterService.Caller(identity.getPrincipal().getName(), identity.hasRole(Roles.REVOPS_ADMIN));
    }
}
