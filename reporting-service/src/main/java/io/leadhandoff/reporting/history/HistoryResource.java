package io.leadhandoff.reporting.history;

import io.leadhandoff.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/history")
public class HistoryResource {

    private final HistoryImport history;
    private final SecurityIdentity identity;

    public HistoryResource(HistoryImport history, SecurityIdentity identity) {
        this.history = history;
        this.identity = identity;
    }

    @POST
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM })
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.REVOPS_ADMIN, Roles.MARKETING })
    @Operation(summary = "Imports past leads from a CSV (all or nothing)",
            description = "Header row; comma or semicolon; quoted fields. Query parameters name the column of each"
                    + " field: lead and mql (required), source, campaign, segment, owner, team, priority, created, sal,"
                    + " sql, won, lost, rejected, reason. Times are dates (UTC), dates and times (UTC) or ISO-8601"
                    + " instants. A bad row rejects the file with 422 naming every bad line. A row already imported"
                    + " (same lead and MQL time) is skipped.")
    public HistoryImport.Result importHistory(InputStream body, @Context UriInfo uri) {
        Map<String, String> parameters = new HashMap<>();
        uri.getQueryParameters().forEach((k, v) -> parameters.put(k, v.isEmpty() ? null : v.get(0)));
        return history.importCsv(new InputStreamReader(body, StandardCharsets.UTF_8), HistoryMapping.of(parameters),
                identity.getPrincipal().getName());
    }
}
