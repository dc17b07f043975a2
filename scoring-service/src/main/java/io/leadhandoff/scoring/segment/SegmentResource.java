package io.leadhandoff.scoring.segment;

import io.leadhandoff.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Lets existing Segment pipelines point at us: identify, track and page calls, alone or in a batch. */
@Path("/api/v1/ingest/segment")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.INTEGRATION, Roles.MARKETING, Roles.REVOPS_ADMIN })
public class SegmentResource {

    private final SegmentService segment;

    public SegmentResource(SegmentService segment) {
        this.segment = segment;
    }

    @POST
    @Operation(summary = "Segment-compatible ingestion: identify, track, page (or {\"batch\": [...]}); messageId makes a call count once",
            description = "A call with no resolvable email is held against its userId / anonymousId until an identify links"
                    + " them; an unknown call type is 422")
    public SegmentService.Result ingest(@NotNull @Valid SegmentCall call) {
        return segment.ingest(call);
    }
}
