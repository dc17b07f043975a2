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

    /** A clock's warning, its breach, or a step of its escalation ladder. */
    public enum Kind { WARNING, BREACH, ESCALATION }

    /** Who reads: everything, a manager's teams, or one rep's own. */
    public record Scope(String login, boolean all, boolean manager) {
    }

    private final EntityManager em;
    private final TeamRoster roster;

    public Alerts(EntityManager em, TeamRoster roster) {
        this.em = em;
        this.roster = roster;
    }

    /** An alert to keep: a clock's warning, breach or escalation step ({@code step}, {@code action} for a step). */
    public record Raised(SlaClock clock, Kind kind, Instant at, String message, int step, String action) {
    }

    /** Keeps these alerts in one statement, each once per clock, round, kind and step. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void raiseAll(List<Raised> raised) {
        if (raised.isEmpty()) {
            return;
        }
        int n = raised.size();
        Object[] clocks = new Object[n];
        Object[] leads = new Object[n];
        String[] kinds = new String[n];
        String[] clockKinds = new String[n];
        String[] owners = new String[n];
        String[] managers = new String[n];
        String[] teams = new String[n];
        String[] priorities = new String[n];
        String[] due = new String[n];
        String[] at = new String[n];
        String[] messages = new String[n];
        Integer[] rounds = new Integer[n];
        Integer[] steps = new Integer[n];
        String[] actions = new String[n];
        for (int i = 0; i < n; i++) {
            Raised r = raised.get(i);
            SlaClock c = r.clock();
            clocks[i] = c.id;
            leads[i] = c.leadId;
            kinds[i] = r.kind().name();
            clockKinds[i] = c.kind.name();
            owners[i] = c.ownerLogin;
            managers[i] = c.managerLogin;
            teams[i] = c.teamName;
            priorities[i] = c.priority == null ? null : c.priority.name();
            due[i] = c.dueAt.toString();
            at[i] = r.at().toString();
            messages[i] = r.message();
            rounds[i] = c.round;
            steps[i] = r.step();
            actions[i] = r.action();
        }
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (java.sql.PreparedStatement insert = connection.prepareStatement("""
                    insert into sla_alert (clock_id, lead_id, kind, clock_kind, owner_login, manager_login, team_name,
                                           priority, due_at, at, message, round, step, action)
                    select * from unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                                         ?::varchar[], ?::varchar[], ?::text[]::timestamptz[], ?::text[]::timestamptz[],
                                         ?::text[], ?::int[], ?::int[], ?::varchar[])
                    on conflict (clock_id, round, kind, step) do nothing""")) {
                insert.setArray(1, connection.createArrayOf("uuid", clocks));
                insert.setArray(2, connection.createArrayOf("uuid", leads));
                insert.setArray(3, connection.createArrayOf("varchar", kinds));
                insert.setArray(4, connection.createArrayOf("varchar", clockKinds));
                insert.setArray(5, connection.createArrayOf("varchar", owners));
                insert.setArray(6, connection.createArrayOf("varchar", managers));
                insert.setArray(7, connection.createArrayOf("varchar", teams));
                insert.setArray(8, connection.createArrayOf("varchar", priorities));
                insert.setArray(9, connection.createArrayOf("text", due));
                insert.setArray(10, connection.createArrayOf("text", at));
                insert.setArray(11, connection.createArrayOf("text", messages));
                insert.setArray(12, connection.createArrayOf("int4", rounds));
                insert.setArray(13, connection.createArrayOf("int4", steps));
                insert.setArray(14, connection.createArrayOf("varchar", actions));
                insert.executeUpdate();
            }
        });
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
                + " team_name, priority, due_at, at, message, step, action from sla_alert where " + where + " order by id limit :n");
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.setParameter("n", limit).getResultList();
        return rows.stream().map(r -> new AlertView(((Number) r[0]).longValue(), (UUID) r[1], (UUID) r[2], (String) r[3],
                (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8],
                io.leadhandoff.common.time.SqlTime.instant(r[9]), io.leadhandoff.common.time.SqlTime.instant(r[10]),
                (String) r[11], ((Number) r[12]).intValue(), (String) r[13])).toList();
    }
}
