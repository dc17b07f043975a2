package io.leadhandoff.scoring.activity;

import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ActivityResource {

    /** Larger batches are split by the sender; one batch is one transaction. */
    public static final int MAX_BATCH = 1000;

    private final ActivityService activity;

    public ActivityResource(ActivityService activity) {
        this.activity = activity;
    }

    @POST
    @RolesAllowed({ Roles.INTEGRATION, Roles.MARKETING, Roles.REVOPS_ADMIN })
    @Operation(summary = "Ingest behavioural events (idempotent on eventId)",
            description = "All or nothing: one invalid event rejects the batch; more than 1,000 is a 413. Answers 202 with"
                    + " accepted and duplicate counts.")
    public Response ingest(@NotNull @NotEmpty List<@Valid @NotNull ActivityRequest> events) {
        if (events.size() > MAX_BATCH) {
            throw ProblemException.batchTooLarge("events", MAX_BATCH, events.size());
        }
        return Response.accepted(activity.ingest(events)).build();
    }
}
