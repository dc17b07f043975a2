package io.leadhandoff.reporting.projection;

import io.leadhandoff.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/admin/replay")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.REVOPS_ADMIN)
public class ReplayResource {

    private final Replay replay;
    private final SecurityIdentity identity;

    public ReplayResource(Replay replay, SecurityIdentity identity) {
        this.replay = replay;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Rebuilds the read models from the event log in the background (202; 409 while one runs)",
            description = "Fresh tables are filled from the log and swapped in when done: reports read the old tables"
                    + " until then. Events arriving meanwhile are kept and taken over at the swap.")
    public Response start() {
        Replay.Run run = replay.start(identity.getPrincipal().getName());
        return Response.accepted(run).location(URI.create("/api/v1/admin/replay/" + run.id())).build();
    }

    @GET
    @Operation(summary = "The latest replays, newest first")
    public List<Replay.Run> recent() {
        return replay.recent();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One replay: RUNNING, DONE (with the number of events replayed) or FAILED (with the error)")
    public Replay.Run one(@PathParam("id") UUID id) {
        return replay.find(id);
    }
}
