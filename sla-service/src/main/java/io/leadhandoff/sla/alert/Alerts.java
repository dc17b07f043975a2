package io.leadhandoff.sla.alert;

import io.leadhandoff.common.roster.TeamRoster;
import io.leadhandoff.sla.clock.SlaClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Alerts (a clock's warning or breach), kept once per clock and step in the step's transaction,
 * and read back in the reader's scope: an admin all, a manager their teams' (and those raised
 * under them), a rep their own.
 */
@ApplicationScoped
public class Alerts {

    public enum Kind { WARNING, BREACH }

    /** Who reads: everything, a manager's teams, or one rep's own. */
    public record Scope(String login, boolean all, boolean manager) {
    }

    private final EntityManager em;
    private final TeamRoster roster;

    public Alerts(EntityManager em, TeamRoster roster) {
        this.em = em;
        this.roster = roster;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void raise(SlaClock clock, Kind kind, Instant at, String message) {
        em.createNativeQuery("""
                insert into sla_alert (clock_id, lead_id, kind, clock_kind, owner_login, manager_login, team_name, priority,
                                       due_at, at, message)
                values (:clock, :lead, :kind, :clockKind, :owner, :manager, :team, :priority, :due, :at, :message)
                on conflict (clock_id, kind) do nothing""")
                .setParameter("clock", clock.id).setParameter("lead", clock.leadId).setParameter("kind", kind.name())
                .setParameter("clockKind", clock.kind.name()).setParameter("owner", clock.ownerLogin)
                .setParameter("manager", clock.managerLogin).setParameter("team", clock.teamName)
                .setParameter("priority", clock.priority == null ? null : clock.priority.name())
                .setParameter("due", clock.dueAt).setParameter("at", at).setParameter("message", message).executeUpdate();
    }

    /** Alerts after {@code afterId} (oldest first) in the scope, optionally of one kind, lead, team or owner. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AlertView> after(long afterId, Scope scope, Kind kind, UUID lead, String team, String owner, int limit) {
        StringBuilder where = new StringBuilder("id > :after");
        Map<String, Object> params = new HashMap<>();
        params.put("after", afterId);
        if (!scope.all()) {
            if (scope.manager()) {
                List<String> teams = new ArrayList<>(roster.teamsManagedBy(scope.login()));
                teams.add(""); // never a team name: keeps the list non-empty
                where.append(" and (manager_login = :me or team_name in (:teams))");
                params.put("teams", teams);
            } else {
                where.append(" and owner_login = :me");
            }
            params.put("me", scope.login());
        }
        if (kind != null) {
            where.append(" and kind = :kind");
            params.put("kind", kind.name());
        }
        if (lead != null) {
            where.append(" and lead_id = :lead");
            params.put("lead", lead);
        }
        if (team != null) {
            where.append(" and team_name = :team");
            params.put("team", team);
        }
        if (owner != null) {
            where.append(" and owner_login = :owner");
            params.put("owner", owner);
        }
        var query = em.createNativeQuery("select id, clock_id, lead_id, kind, clock_kind, owner_login, manager_login,"
                + " team_name, priority, due_at, at, message from sla_alert where " + where + " order by id limit :n");
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.setParameter("n", limit).getResultList();
        return rows.stream().map(r -> new AlertView(((Number) r[0]).longValue(), (UUID) r[1], (UUID) r[2], (String) r[3],
                (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8],
                io.leadhandoff.common.time.SqlTime.instant(r[9]), io.leadhandoff.common.time.SqlTime.instant(r[10]),
                (String) r[11])).toList();
    }
}
