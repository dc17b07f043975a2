package io.leadhandoff.common.notification;

import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Every service's notifications, for operators and integrations: what was sent, to whom, and how delivery went. */
@Path("/api/v1/admin/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.REVOPS_ADMIN, Roles.INTEGRATION })
public class NotificationResource {

    private final Notifications notifications;

    public NotificationResource(Notifications notifications) {
        this.notifications = notifications;
    }

    @GET
    @Operation(summary = "Notifications this service recorded, newest first, with status (PENDING, SENT, FAILED), attempts and last error")
    public List<NotificationView> list(@QueryParam("about") String about, @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) Integer limit) {
        NotificationView.Status wanted = null;
        if (status != null) {
            try {
                wanted = NotificationView.Status.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("Query parameter status must be one of PENDING, SENT, FAILED");
            }
        }
        return notifications.list(about, wanted, limit);
    }
}
