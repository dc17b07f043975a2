package io.leadhandoff.common.inbox;

import io.leadhandoff.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Every service's parked events, for operators: what waits on its queue and why, and a replay
 * once the cause is fixed (or a release that understands a newer event is out).
 */
@Path("/api/v1/admin/inbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.REVOPS_ADMIN)
public class ParkedEventResource {

    private final Inbox inbox;

    public ParkedEventResource(Inbox inbox) {
        this.inbox = inbox;
    }

    /** How many events a replay made due; the lane applies them in order within seconds. */
    public record Replay(int parked) {
    }

    @GET
    @Path("parked")
    @Operation(summary = "Events held back on this service's queue, oldest first, with the reason and the next retry")
    public List<Inbox.ParkedEvent> parked() {
        return inbox.parked();
    }

    @POST
    @Path("replay")
    @Operation(summary = "Retry every parked event now, in order per lead (they are also retried with backoff and at start)")
    public Replay replay() {
        return new Replay(inbox.replayParked());
    }
}
