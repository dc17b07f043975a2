package io.leadhandoff.reporting.funnel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class FunnelService {

    private final EntityManager em;

    public FunnelService(EntityManager em) {
        this.em = em;
    }

    public Funnel funnel(Instant from, Instant to) {
        Object[] row = (Object[]) em.createNativeQuery("""
                select
                  count(*) filter (where created_at >= :from and created_at < :to),
                  count(*) filter (where mql_at >= :from and mql_at < :to),
                  count(*) filter (where mql_at >= :from and mql_at < :to and assigned_at is not null),
                  count(*) filter (where mql_at >= :from and mql_at < :to and breached_at is not null)
                from lead_funnel
                where (created_at >= :from and created_at < :to) or (mql_at >= :from and mql_at < :to)""")
                .setParameter("from", from).setParameter("to", to).getSingleResult();
        long leads = ((Number) row[0]).longValue();
        long mql = ((Number) row[1]).longValue();
        long assigned = ((Number) row[2]).longValue();
        long breached = ((Number) row[3]).longValue();
        return new Funnel(from, to, leads, mql, assigned, breached, mql == 0 ? null : (double) assigned / mql);
    }
}
