package io.leadhandoff.sla.alert;

import io.leadhandoff.common.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * SLA alerts (warnings and breaches): a list with filters, and a live stream for managers' screens
 * (server-sent events, each with the alert's id, resumable with {@code Last-Event-ID}). A manager
 * sees their teams' alerts, a rep their own, an admin all.
 */
@Path("/api/v1/alerts")
public class AlertResource {

    /** How often a stream looks for new alerts: any replica raises them, so each stream reads the table. */
    static final Duration POLL = Duration.ofSeconds(1);
    /** A comment on connecting (the stream is live from here) and every so many polls without alerts (keeps proxies from closing it). */
    static final long HEARTBEAT_POLLS = 15;

    private final Alerts alerts;
    private final SecurityIdentity identity;

    public AlertResource(Alerts alerts, SecurityIdentity identity) {
        this.alerts = alerts;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SALES_REP, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "Alerts oldest first after an id, in the caller's scope, optionally of one kind, lead, team or owner")
    public List<AlertView> list(@QueryParam("after") @DefaultValue("0") @Min(0) Long after,
            @QueryParam("kind") Alerts.Kind kind, @QueryParam("leadId") UUID lead, @QueryParam("team") String team,
            @QueryParam("owner") String owner, @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(1000) Integer limit) {
        return alerts.after(after, scope(), kind, lead, team, owner, limit);
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @io.smallrye.common.annotation.Blocking // where the stream starts is read from the database
    @RolesAllowed({ Roles.SALES_REP, Roles.SALES_MANAGER, Roles.REVOPS_ADMIN })
    @Operation(summary = "A live stream of alerts in the caller's scope (server-sent events named WARNING, BREACH or"
            + " ESCALATION, JSON data); resumes after Last-Event-ID (or ?after=) when given, else starts with what comes"
            + " next. A comment line ': connected' says it is live, ': heartbeat' keeps an idle stream open")
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("after") @Min(0) Long after, @Context Sse sse) {
        Alerts.Scope scope = scope();
        AtomicLong cursor = new AtomicLong(start(lastEventId, after));
        AtomicLong quiet = new AtomicLong();
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(POLL)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToIterable(tick -> {
                    List<AlertView> next = QuarkusTransaction.requiringNew()
                            .call(() -> alerts.after(cursor.get(), scope, null, null, null, null, 100));
                    if (next.isEmpty()) {
                        return tick == 0 || quiet.incrementAndGet() % HEARTBEAT_POLLS == 0
                                ? List.of(sse.newEventBuilder().comment(tick == 0 ? "connected" : "heartbeat").build())
                                : List.<OutboundSseEvent>of();
                    }
                    quiet.set(0);
                    cursor.set(next.get(next.size() - 1).id());
                    return next.stream().map(a -> sse.newEventBuilder().id(String.valueOf(a.id())).name(a.kind())
                            .mediaType(MediaType.APPLICATION_JSON_TYPE).data(AlertView.class, a).build()).toList();
                });
    }

    /** Where a stream starts: after the last id the client saw, else after the newest alert now. */
    private long start(String lastEventId, Long after) {
        if (lastEventId != null && lastEventId.strip().matches("[0-9]{1,18}")) {
            return Long.parseLong(lastEventId.strip());
        }
        if (after != null) {
            return after;
        }
        List<?> newest = QuarkusTransaction.requiringNew().call(() -> io.leadhandoff.sla.clock.SlaClock.getEntityManager()
                .createNativeQuery("select coalesce(max(id), 0) from sla_alert").getResultList());
        return ((Number) newest.get(0)).longValue();
    }

    private Alerts.Scope scope() {
        return new Alerts.Scope(identity.getPrincipal().getName(), identity.hasRole(Roles.REVOPS_ADMIN),
                identity.hasRole(Roles.SALES_MANAGER));
    }
}
