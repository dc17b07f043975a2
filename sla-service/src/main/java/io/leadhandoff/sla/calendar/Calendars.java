package io.leadhandoff.sla.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.error.Problem;
import io.leadhandoff.common.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Business-hours calendars and whom they apply to. The calendar of an owner is their own (a
 * calendar listing the rep), else their team's; none means clocks run in wall-clock time.
 */
@ApplicationScoped
@Transactional
public class Calendars {

    /** A calendar and its name, as a clock counts in it. */
    public record Named(String name, BusinessCalendar hours) {
    }

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final InstantSource clock;

    public Calendars(EntityManager em, ObjectMapper mapper, InstantSource clock) {
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
    }

    public CalendarView put(String name, CalendarRequest request, String actor) {
        List<Problem.Violation> problems = new ArrayList<>();
        request.hours().problems().forEach(p -> problems.add(new Problem.Violation("hours." + p.field(), p.message())));
        if (!problems.isEmpty()) {
            throw ProblemException.unprocessable("The calendar was not saved: " + problems.get(0).field() + " "
                    + problems.get(0).message(), problems);
        }
        List<String> teams = request.teams() == null ? List.of() : request.teams();
        List<String> reps = request.reps() == null ? List.of() : request.reps();
        // a team or rep counts in one calendar: taking it here releases it elsewhere
        em.createNativeQuery("""
                update sla_calendar
                set teams = teams - array(select jsonb_array_elements_text(cast(:teams as jsonb))),
                    reps = reps - array(select jsonb_array_elements_text(cast(:reps as jsonb)))
                where name <> :name""").setParameter("teams", json(teams)).setParameter("reps", json(reps))
                .setParameter("name", name).executeUpdate();
        em.createNativeQuery("""
                insert into sla_calendar (name, definition, teams, reps, updated_by, updated_at)
                values (:name, cast(:def as jsonb), cast(:teams as jsonb), cast(:reps as jsonb), :actor, :at)
                on conflict (name) do update set definition = excluded.definition, teams = excluded.teams,
                    reps = excluded.reps, updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .setParameter("name", name).setParameter("def", json(request.hours())).setParameter("teams", json(teams))
                .setParameter("reps", json(reps)).setParameter("actor", actor).setParameter("at", clock.instant())
                .executeUpdate();
        return get(name);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CalendarView> list() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select name, cast(definition as text), cast(teams as text), cast(reps as text), updated_by, updated_at
                from sla_calendar order by name""").getResultList();
        return rows.stream().map(this::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CalendarView get(String name) {
        return list().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No calendar " + name));
    }

    public void delete(String name) {
        if (em.createNativeQuery("delete from sla_calendar where name = :name").setParameter("name", name)
                .executeUpdate() == 0) {
            throw ProblemException.notFound("No calendar " + name);
        }
    }

    /** The calendar an owner's clocks count in: the rep's own, else the team's; empty: wall-clock time. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Named> of(String owner, String team) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select name, cast(definition as text),
                       case when jsonb_exists(reps, coalesce(:owner, '')) then 0 else 1 end as rank
                from sla_calendar where jsonb_exists(reps, coalesce(:owner, '')) or jsonb_exists(teams, coalesce(:team, ''))
                order by rank, name limit 1""")
                .setParameter("owner", owner).setParameter("team", team).getResultList();
        return rows.stream().findFirst().map(r -> new Named((String) r[0], read((String) r[1], BusinessCalendar.class)));
    }

    /** Every calendar by name: a page of clocks reads them once. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Map<String, BusinessCalendar> all() {
        java.util.Map<String, BusinessCalendar> byName = new java.util.HashMap<>();
        list().forEach(c -> byName.put(c.name(), c.hours()));
        return byName;
    }

    /** A calendar by name (a clock remembers the one it counts in). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<BusinessCalendar> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        List<?> rows = em.createNativeQuery("select cast(definition as text) from sla_calendar where name = :name")
                .setParameter("name", name).getResultList();
        return rows.stream().findFirst().map(r -> read((String) r, BusinessCalendar.class));
    }

    private CalendarView view(Object[] r) {
        return new CalendarView((String) r[0], read((String) r[1], BusinessCalendar.class),
                List.of(read((String) r[2], String[].class)), List.of(read((String) r[3], String[].class)), (String) r[4],
                io.leadhandoff.common.time.SqlTime.instant(r[5]));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored calendar could not be read", e);
        }
    }
}
