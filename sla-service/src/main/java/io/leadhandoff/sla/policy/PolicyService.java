package io.leadhandoff.sla.policy;

import io.leadhandoff.common.error.Problem;
import io.leadhandoff.common.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SLA policies as versioned data: drafts are edited, exactly one version is active, active and
 * retired versions never change (so a clock keeps the version it started under, read from a cache).
 */
@ApplicationScoped
@Transactional
public class PolicyService {

    private final EntityManager em;
    private final InstantSource clock;
    /** Active and retired versions are immutable: read once. */
    private final Map<Integer, PolicyDefinition> frozen = new ConcurrentHashMap<>();

    public PolicyService(EntityManager em, InstantSource clock) {
        this.em = em;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PolicyView> list() {
        return SlaPolicy.<SlaPolicy>list("order by version desc").stream().map(PolicyView::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PolicyView get(int version) {
        return PolicyView.of(find(version));
    }

    /** The active version's number (exactly one is active). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public int activeVersion() {
        List<?> rows = em.createNativeQuery("select version from sla_policy where status = 'ACTIVE'").getResultList();
        if (rows.isEmpty()) {
            throw new IllegalStateException("No active SLA policy");
        }
        return ((Number) rows.get(0)).intValue();
    }

    /** A version clocks run under (active or retired: never changes once activated). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PolicyDefinition definition(int version) {
        PolicyDefinition cached = frozen.get(version);
        if (cached != null) {
            return cached;
        }
        SlaPolicy p = find(version);
        if (p.status != SlaPolicy.Status.DRAFT) {
            frozen.put(version, p.definition);
        }
        return p.definition;
    }

    /** A new draft: empty, or a copy of {@code copyOf}. */
    public PolicyView create(Integer copyOf, String actor) {
        PolicyDefinition definition = copyOf == null ? new PolicyDefinition("Draft", List.of())
                : new PolicyDefinition("Draft from version " + copyOf, find(copyOf).definition.tiers());
        // versions are numbered in order of creation: one creator at a time
        em.createNativeQuery("lock table sla_policy in share row exclusive mode").executeUpdate();
        Integer max = em.createQuery("select max(p.version) from SlaPolicy p", Integer.class).getSingleResult();
        Instant now = clock.instant();
        SlaPolicy p = new SlaPolicy();
        p.version = max == null ? 1 : max + 1;
        p.name = definition.name();
        p.status = SlaPolicy.Status.DRAFT;
        p.definition = definition;
        p.createdAt = now;
        p.createdBy = actor;
        p.updatedAt = now;
        p.updatedBy = actor;
        p.persist();
        audit(p.version, PolicyChange.Action.CREATED, actor, now, copyOf == null ? "empty" : "copy of version " + copyOf);
        return PolicyView.of(p);
    }

    /** Replaces a draft; 409 for an active or retired version, 422 for an invalid policy. */
    public PolicyView update(int version, PolicyDefinition definition, String actor) {
        SlaPolicy p = SlaPolicy.findById(version, LockModeType.PESSIMISTIC_WRITE);
        if (p == null) {
            throw ProblemException.notFound("No SLA policy version " + version);
        }
        if (p.status != SlaPolicy.Status.DRAFT) {
            throw ProblemException.conflict("SLA policy version " + version + " is " + p.status
                    + " and cannot be edited: create a draft from it (POST /api/v1/policies?copyOf=" + version + ")");
        }
        requireValid(definition);
        Instant now = clock.instant();
        p.definition = definition;
        p.name = definition.name();
        p.updatedAt = now;
        p.updatedBy = actor;
        audit(version, PolicyChange.Action.UPDATED, actor, now, definition.tiers().size() + " tiers");
        return PolicyView.of(p);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Problem.Violation> validate(int version) {
        return PolicyValidator.validate(find(version).definition);
    }

    /**
     * Makes a version the active one (the one before is retired in the same transaction). Clocks
     * already running keep the version they started under; assignments from now on get this one.
     */
    public PolicyView activate(int version, String actor) {
        SlaPolicy p = SlaPolicy.findById(version, LockModeType.PESSIMISTIC_WRITE);
        if (p == null) {
            throw ProblemException.notFound("No SLA policy version " + version);
        }
        if (p.status == SlaPolicy.Status.ACTIVE) {
            throw ProblemException.conflict("SLA policy version " + version + " is already active");
        }
        requireValid(p.definition);
        Instant now = clock.instant();
        for (SlaPolicy previous : SlaPolicy.<SlaPolicy>list("status", SlaPolicy.Status.ACTIVE)) {
            previous.status = SlaPolicy.Status.RETIRED;
            previous.retiredAt = now;
            audit(previous.version, PolicyChange.Action.RETIRED, actor, now, "replaced by version " + version);
        }
        em.flush(); // the one-active index sees the old one retired before the new one is active
        p.status = SlaPolicy.Status.ACTIVE;
        p.activatedAt = now;
        p.retiredAt = null;
        audit(version, PolicyChange.Action.ACTIVATED, actor, now, null);
        return PolicyView.of(p);
    }

    /** Retires a draft; the active version is retired only by activating another. */
    public PolicyView retire(int version, String actor) {
        SlaPolicy p = find(version);
        if (p.status != SlaPolicy.Status.DRAFT) {
            throw ProblemException.conflict("SLA policy version " + version + " is " + p.status + (p.status
                    == SlaPolicy.Status.ACTIVE ? ": activate another version instead (exactly one is active)" : " already"));
        }
        Instant now = clock.instant();
        p.status = SlaPolicy.Status.RETIRED;
        p.retiredAt = now;
        audit(version, PolicyChange.Action.RETIRED, actor, now, "retired as a draft");
        return PolicyView.of(p);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PolicyChange> history(int version) {
        find(version);
        return PolicyChange.list("version = ?1 order by id", version);
    }

    private SlaPolicy find(int version) {
        return SlaPolicy.<SlaPolicy>findByIdOptional(version)
                .orElseThrow(() -> ProblemException.notFound("No SLA policy version " + version));
    }

    private void audit(int version, PolicyChange.Action action, String actor, Instant at, String detail) {
        PolicyChange c = new PolicyChange();
        c.version = version;
        c.action = action;
        c.actor = actor;
        c.at = at;
        c.detail = detail;
        c.persist();
    }

    private static void requireValid(PolicyDefinition definition) {
        List<Problem.Violation> violations = PolicyValidator.validate(definition);
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable(violations.size() + " policy problem(s): " + violations.stream()
                    .map(v -> v.field() + " " + v.message()).reduce((a, b) -> a + "; " + b).orElse(""), violations);
        }
    }
}
