package io.leadhandoff.routing.roster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/** Every change to the roster, rules and owned accounts: who, when, before and after (in the change's transaction). */
@ApplicationScoped
public class RosterAudit {

    public enum Kind { TEAM, REP, ABSENCE, RULES, ACCOUNT }

    /** One change as read back. */
    public record Change(long id, Kind kind, String key, String actor, Instant at, Object before, Object after) {
    }

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final InstantSource clock;

    public RosterAudit(EntityManager em, ObjectMapper mapper, InstantSource clock) {
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Kind kind, String key, String actor, Object before, Object after) {
        em.createNativeQuery("""
                insert into roster_change (kind, key, actor, at, before, after)
                values (:kind, :key, :actor, :at, cast(:before as jsonb), cast(:after as jsonb))""")
                .setParameter("kind", kind.name()).setParameter("key", key).setParameter("actor", actor)
                .setParameter("at", clock.instant()).setParameter("before", json(before)).setParameter("after", json(after))
                .executeUpdate();
    }

    /** Changes, newest first, optionally of one kind and key. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Change> changes(Kind kind, String key, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, kind, key, actor, at, cast(before as text), cast(after as text) from roster_change
                where (cast(:kind as varchar) is null or kind = :kind) and (cast(:key as varchar) is null or key = :key)
                order by id desc limit :n""")
                .setParameter("kind", kind == null ? null : kind.name()).setParameter("key", key).setParameter("n", limit)
                .getResultList();
        return rows.stream().map(r -> new Change(((Number) r[0]).longValue(), Kind.valueOf((String) r[1]), (String) r[2],
                (String) r[3], io.leadhandoff.common.time.SqlTime.instant(r[4]), tree((String) r[5]), tree((String) r[6])))
                .toList();
    }

    private String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A roster change could not be written as JSON", e);
        }
    }

    private Object tree(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
