package io.leadhandoff.routing.rule;

import io.leadhandoff.routing.roster.Rep;
import io.leadhandoff.routing.roster.Team;
import io.leadhandoff.routing.roster.WorkingHours;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The roster as a decision sees it now, read from the database on demand: a pool's team row is
 * write-locked while its round robin moves (replicas never pick the same turn), and each rep comes
 * with what it was given today (its own day), its open assignments and its current absence.
 */
public final class LiveRoster implements Router.Roster {

    /** Assignment states in which a lead is on its owner's desk. */
    public static final List<String> OPEN = List.of("ASSIGNED", "ACCEPTED", "QUALIFIED");

    private final EntityManager em;
    private final Instant now;
    private final Map<String, Rep> repsByLogin = new HashMap<>();
    private final Map<String, Team> teams = new HashMap<>();

    public LiveRoster(EntityManager em, Instant now) {
        this.em = em;
        this.now = now;
    }

    @Override
    public Optional<Router.Pool> pool(String teamName) {
        Optional<Team> team = em.createQuery("select t from Team t where t.name = :name", Team.class)
                .setParameter("name", teamName).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
        if (team.isEmpty()) {
            return Optional.empty();
        }
        teams.put(teamName, team.get());
        List<Rep> reps = Rep.list("team = ?1 order by login", team.get());
        reps.forEach(r -> repsByLogin.put(r.login, r));
        return Optional.of(new Router.Pool(teamName, team.get().outsideHours == Team.OutsideHours.QUEUE, candidates(reps)));
    }

    @Override
    public Optional<Candidate> rep(String login) {
        Optional<Rep> rep = Rep.find("login", login).firstResultOptional();
        rep.ifPresent(r -> repsByLogin.put(r.login, r));
        return rep.map(r -> candidates(List.of(r)).get(0));
    }

    /** A rep this roster has read (to apply a decision). */
    public Rep loaded(String login) {
        return repsByLogin.get(login);
    }

    private List<Candidate> candidates(List<Rep> reps) {
        if (reps.isEmpty()) {
            return List.of();
        }
        String[] logins = reps.stream().map(r -> r.login).toArray(String[]::new);
        String[] dayStarts = reps.stream().map(r -> WorkingHours.startOfDay(now,
                r.workingHours == null ? "UTC" : r.workingHours.timeZone()).toString()).toArray(String[]::new);
        Map<String, Integer> givenToday = new HashMap<>();
        em.unwrap(org.hibernate.Session.class).doWork(c -> {
            try (java.sql.PreparedStatement q = c.prepareStatement("""
                    select d.login, count(h.id) from unnest(?::varchar[], ?::text[]::timestamptz[]) as d(login, since)
                    join assignment_history h on h.owner_login = d.login and h.at >= d.since
                        and h.action in ('ASSIGNED', 'REASSIGNED')
                    group by d.login""")) {
                q.setArray(1, c.createArrayOf("varchar", logins));
                q.setArray(2, c.createArrayOf("text", dayStarts));
                try (java.sql.ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        givenToday.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
        });
        Map<String, Integer> open = counts(em.createNativeQuery("""
                select owner_login, count(*) from assignment where owner_login in (:logins) and status in (:open)
                group by owner_login""").setParameter("logins", List.of(logins)).setParameter("open", OPEN).getResultList());
        Map<UUID, Instant> absentUntil = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> absences = em.createNativeQuery("""
                select rep_id, max(ends_at) from rep_absence where rep_id in (:reps) and starts_at <= :now and ends_at > :now
                group by rep_id""").setParameter("reps", reps.stream().map(r -> r.id).toList()).setParameter("now", now)
                .getResultList();
        absences.forEach(a -> absentUntil.put((UUID) a[0], io.leadhandoff.common.time.SqlTime.instant(a[1])));
        return reps.stream().map(r -> new Candidate(r.login, r.team.name, r.departed(), r.seniority,
                new HashSet<>(r.languages), new HashSet<>(r.productLines), new HashSet<>(r.territories), r.weight,
                r.dailyCapacity, r.openCap, r.workingHours, absentUntil.get(r.id), givenToday.getOrDefault(r.login, 0),
                open.getOrDefault(r.login, 0), r.rrCredit)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer> counts(List<?> rows) {
        Map<String, Integer> counts = new HashMap<>();
        ((List<Object[]>) rows).forEach(r -> counts.put((String) r[0], ((Number) r[1]).intValue()));
        return counts;
    }
}
