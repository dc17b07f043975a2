package io.leadhandoff.scoring.calibration;

import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Calibrates scoring weights from a CRM export on day one: the CSV of historical outcomes is
 * streamed in, a regularised logistic regression is fitted and checked on a hold-out, and the
 * suggestion is stored for review. Only the query parameters differ from one CRM to another.
 */
@Path("/api/v1/calibrations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.MARKETING, Roles.REVOPS_ADMIN })
public class CalibrationResource {

    private final SecurityIdentity identity;
    private final InstantSource clock;
    private final io.leadhandoff.scoring.model.ModelService models;

    public CalibrationResource(SecurityIdentity identity, InstantSource clock, io.leadhandoff.scoring.model.ModelService models) {
        this.identity = identity;
        this.clock = clock;
        this.models = models;
    }

    @POST
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM })
    @Transactional
    @Operation(summary = "Fit scoring weights to historical outcomes (CSV with a header row, comma or semicolon, quoted fields)",
            description = "Returns the hold-out AUC, rows used, base rate, the strongest features with suggested points"
                    + " and a threshold table (MQL volume, precision, recall per score threshold)")
    public Response calibrate(
            @Parameter(description = "The outcome column, e.g. Converted") @QueryParam("outcome") String outcome,
            @Parameter(description = "The outcome's positive value, e.g. 1") @QueryParam("positive") String positive,
            @Parameter(description = "Columns to leave out (comma-separated), e.g. those filled in after the outcome")
            @QueryParam("exclude") String exclude,
            @Parameter(description = "Texts that mean 'missing' (comma-separated), e.g. Select") @QueryParam("missing") String missing,
            InputStream csv) throws IOException {
        if (outcome == null || outcome.isBlank() || positive == null || positive.isBlank()) {
            throw ProblemException.badRequest("Query parameters outcome and positive are required"
                    + " (e.g. ?outcome=Converted&positive=1)");
        }
        Calibrator.Settings settings = Calibrator.Settings.of(outcome.strip(), positive.strip(), list(exclude), list(missing));
        Calibrator.Result result;
        try (InputStreamReader reader = new InputStreamReader(csv, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            result = Calibrator.fit(reader, settings);
        } catch (Calibrator.CalibrationException e) {
            throw ProblemException.unprocessable(e.getMessage(), null);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ProblemException.badRequest("The file is not valid UTF-8");
        }
        Calibration c = new Calibration();
        c.id = UUID.randomUUID();
        c.createdAt = clock.instant();
        c.createdBy = identity.getPrincipal().getName();
        c.settings = settings;
        c.result = result;
        c.persist();
        return Response.created(URI.create("/api/v1/calibrations/" + c.id)).entity(new View(c.id, c.createdAt, c.createdBy,
                settings, result)).build();
    }

    /** A calibration as the API shows it. */
    public record View(UUID id, java.time.Instant createdAt, String createdBy, Calibrator.Settings settings,
            Calibrator.Result result) {
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A stored calibration")
    public View get(@PathParam("id") UUID id) {
        Calibration c = Calibration.<Calibration>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No calibration " + id));
        return new View(c.id, c.createdAt, c.createdBy, c.settings, c.result);
    }

    @POST
    @Path("{id}/draft")
    @Transactional
    @Operation(summary = "Turn a calibration's suggestion into a draft model",
            description = "Each strong categorical feature becomes a FIT rule on the lead's custom attribute of that column"
                    + " (attributes.<column>) with the suggested points; review the thresholds with a backtest before activating")
    public Response draft(@PathParam("id") UUID id) {
        Calibration c = Calibration.<Calibration>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No calibration " + id));
        var model = models.createDraft(CalibrationDraft.of(c, models.active().policy()), identity.getPrincipal().getName(),
                "from calibration " + id);
        return Response.created(URI.create("/api/v1/models/" + model.version())).entity(model).build();
    }

    private static Set<String> list(String commaSeparated) {
        return commaSeparated == null ? Set.of() : Arrays.stream(commaSeparated.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
