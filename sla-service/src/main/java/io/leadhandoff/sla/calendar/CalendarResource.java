package io.leadhandoff.sla.calendar;

import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.json.StrictReader;
import io.leadhandoff.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** Business-hours calendars: revops-admin writes, managers read. */
@Path("/api/v1/calendars")
@Produces(MediaType.APPLICATION_JSON)
public class CalendarResource {

    static final String NAME = "[^/]{1,200}";

    private final Calendars calendars;
    private final SecurityIdentity identity;
    private final StrictReader strict;

    public CalendarResource(Calendars calendars, SecurityIdentity identity, StrictReader strict) {
        this.calendars = calendars;
        this.identity = identity;
        this.strict = strict;
    }

    @GET
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "The calendars, with the teams and reps whose clocks count in each")
    public List<CalendarView> list() {
        return calendars.list();
    }

    @GET
    @Path("{name}")
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "One calendar")
    public CalendarView get(@PathParam("name") @Pattern(regexp = NAME) String name) {
        return calendars.get(name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REVOPS_ADMIN)
    @Operation(summary = "Creates or replaces a calendar (time zone, weekly windows, holidays) and whom it applies to;"
            + " an unknown time zone or overlapping windows are a 422 naming the field")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CalendarRequest.class)))
    public CalendarView put(@PathParam("name") @Pattern(regexp = NAME) String name, String body) throws IOException {
        CalendarRequest request;
        try {
            request = strict.read(body, CalendarRequest.class);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return calendars.put(name, request, identity.getPrincipal().getName());
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.REVOPS_ADMIN)
    @Operation(summary = "Removes a calendar: its teams' and reps' new clocks run in wall-clock time")
    public Response delete(@PathParam("name") @Pattern(regexp = NAME) String name) {
        calendars.delete(name);
        return Response.noContent().build();
    }
}
