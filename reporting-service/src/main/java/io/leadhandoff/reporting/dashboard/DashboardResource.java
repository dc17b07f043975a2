package io.leadhandoff.reporting.dashboard;

import io.leadhandoff.common.security.Roles;
import io.leadhandoff.reporting.report.Report;
import io.leadhandoff.reporting.report.ReportCsv;
import io.leadhandoff.reporting.report.ReportQuery;
import io.leadhandoff.reporting.report.ReportService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The managers' dashboard: a page that logs in through Keycloak in the browser (authorization code
 * flow, the {@code dashboard} OIDC tenant on /dashboard paths) and reads the reports through
 * session-authenticated twins of the API's report endpoints.
 */
@Path("/dashboard")
@Authenticated
public class DashboardResource {

    static final List<String> READERS = List.of(Roles.SALES_MANAGER, Roles.MARKETING, Roles.REVOPS_ADMIN);

    private final ReportService reports;
    private final SecurityIdentity identity;
    private final String page;
    private final String refused;

    public DashboardResource(ReportService reports, SecurityIdentity identity) {
        this.reports = reports;
        this.identity = identity;
        this.page = resource("dashboard/index.html").replace("{{echartsVersion}}", echartsVersion());
        this.refused = resource("dashboard/refused.html");
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The dashboard page (browser login through Keycloak)")
    public Response page() {
        String user = escape(identity.getPrincipal().getName());
        if (READERS.stream().noneMatch(identity::hasRole)) {
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(refused.replace("{{user}}", user)).build();
        }
        return Response.ok(page.replace("{{user}}", user)).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("reports/{name}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.MARKETING, Roles.REVOPS_ADMIN })
    @Operation(summary = "A report for the dashboard (same as /api/v1/reports/{name}, session-authenticated)")
    public Report report(@PathParam("name") String name, @BeanParam ReportQuery query) {
        return reports.report(name, query);
    }

    @GET
    @Path("reports/{name}.csv")
    @Produces(ReportCsv.MEDIA_TYPE)
    @RolesAllowed({ Roles.SALES_MANAGER, Roles.MARKETING, Roles.REVOPS_ADMIN })
    @Operation(summary = "One table of a report as a CSV download, for the dashboard's links")
    public Response csv(@PathParam("name") String name, @BeanParam ReportQuery query) {
        return ReportCsv.download(name, reports.report(name, query), query.table);
    }

    private static String resource(String path) {
        try (InputStream in = DashboardResource.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The charting library's version, from its webjar: the page loads it from /webjars, never a CDN. */
    static String echartsVersion() {
        try (InputStream in = DashboardResource.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("The echarts webjar is missing from the build", e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
