package io.leadhandoff.scoring.model;

import io.leadhandoff.common.error.Problem;
import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.timer.Timers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model versions as data: drafts are written, validated and activated; exactly one version is
 * active (a partial unique index keeps it so under concurrency); active and retired versions never
 * change. Every change is audited. Activation starts the background re-score of open leads.
 */
@ApplicationScoped
@Transactional
public class ModelService {

    private final EntityManager em;
    private final InstantSource clock;
    private final Timers timers;
    /** Active and retired versions never change, so a compiled one is good for as long as the process lives. */
    private final Map<Integer, CompiledModel> compiled = new ConcurrentHashMap<>();

    public ModelService(EntityManager em, InstantSource clock, Timers timers) {
        this.em = em;
        this.clock = clock;
        this.timers = timers;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ModelSummary> list() {
        return ModelVersion.<ModelVersion>find("order by version desc").stream().map(ModelSummary::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ModelView get(int version) {
        return ModelView.of(find(version));
    }

    /** The active version, compiled. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CompiledModel active() {
        // asked once per batch: the version number alone, the compiled model is kept (active versions never change)
        List<?> active = ModelVersion.getEntityManager()
                .createNativeQuery("select version from model_version where status = 'ACTIVE'").getResultList();
        if (active.isEmpty()) {
            throw new IllegalStateException("No active scoring model");
        }
        Integer version = ((Number) active.get(0)).intValue();
        CompiledModel known = compiled.get(version);
        return known != null ? known : compiled(ModelVersion.findById(version));
    }

    /** A version, compiled (404 if there is none). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CompiledModel compiled(int version) {
        return compiled(find(version));
    }

    CompiledModel compiled(ModelVersion version) {
        if (version.status == ModelVersion.Status.DRAFT) {
            return CompiledModel.compile(version.version, version.definition);
        }
        return compiled.computeIfAbsent(version.version, v -> CompiledModel.compile(v, version.definition));
    }

    /** A new draft: empty, or a copy of {@code copyOf}'s rules and policy. */
    public ModelView create(Integer copyOf, String actor) {
        ModelDefinition definition = copyOf == null ? ModelDefinition.empty("Draft")
                : copyOf(find(copyOf).definition, "Draft from version " + copyOf);
        return newDraft(definition, actor, copyOf == null ? "empty" : "copy of version " + copyOf);
    }

    /** A new draft with this content (e.g. suggested by a calibration); it must be valid. */
    public ModelView createDraft(ModelDefinition definition, String actor, String origin) {
        requireValid(definition);
        return newDraft(definition, actor, origin);
    }

    private ModelView newDraft(ModelDefinition definition, String actor, String origin) {
        // versions are numbered in order of creation: one creator at a time
        em.createNativeQuery("lock table model_version in share row exclusive mode").executeUpdate();
        Integer max = em.createQuery("select max(m.version) from ModelVersion m", Integer.class).getSingleResult();
        Instant now = clock.instant();
        ModelVersion m = new ModelVersion();
        m.version = max == null ? 1 : max + 1;
        m.name = definition.name();
        m.status = ModelVersion.Status.DRAFT;
        m.definition = definition;
        m.createdAt = now;
        m.createdBy = actor;
        m.updatedAt = now;
        m.updatedBy = actor;
        m.persist();
        audit(m.version, ModelChange.Action.CREATED, actor, now, origin);
        return ModelView.of(m);
    }

    private static ModelDefinition copyOf(ModelDefinition source, String name) {
        return new ModelDefinition(name, source.rules(), source.policy(), source.domainLists());
    }

    /** Replaces a draft's rules and policy; 409 for an active or retired version, 422 for invalid rules. */
    public ModelView update(int version, ModelDefinition definition, String actor) {
        ModelVersion m = lockedDraft(version, "edited");
        requireValid(definition);
        Instant now = clock.instant();
        m.definition = definition;
        m.name = definition.name();
        m.updatedAt = now;
        m.updatedBy = actor;
        audit(version, ModelChange.Action.UPDATED, actor, now, definition.rules().size() + " rules");
        return ModelView.of(m);
    }

    /** The problems of a stored version (empty when it could be activated). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Problem.Violation> validate(int version) {
        return ModelValidator.validate(find(version).definition);
    }

    /**
     * Makes a draft (or a retired version) the active one; the one active before is retired in the
     * same transaction. Open leads are then re-scored in the background.
     */
    public ModelView activate(int version, String actor) {
        ModelVersion m = ModelVersion.findById(version, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (m == null) {
            throw ProblemException.notFound("No model version " + version);
        }
        if (m.status == ModelVersion.Status.ACTIVE) {
            throw ProblemException.conflict("Model version " + version + " is already active");
        }
        requireValid(m.definition);
        Instant now = clock.instant();
        for (ModelVersion previous : ModelVersion.<ModelVersion>list("status", ModelVersion.Status.ACTIVE)) {
            previous.status = ModelVersion.Status.RETIRED;
            previous.retiredAt = now;
            audit(previous.version, ModelChange.Action.RETIRED, actor, now, "replaced by version " + version);
        }
        em.flush(); // the one-active index sees the old one retired before the new one is active
        m.status = ModelVersion.Status.ACTIVE;
        m.activatedAt = now;
        m.retiredAt = null;
        m.rescoreDone = 0;
        m.rescoreCursor = null;
        m.rescoreTotal = ((Number) em.createNativeQuery("select count(*) from lead where lifecycle_stage in (:open) and merged_into is null")
                .setParameter("open", Rescore.OPEN_STAGES).getSingleResult()).intValue();
        audit(version, ModelChange.Action.ACTIVATED, actor, now, m.rescoreTotal + " open leads to re-score");
        timers.schedule(Rescore.KIND, String.valueOf(version), now, null);
        return ModelView.of(m);
    }

    /** Retires a draft; the active version is retired only by activating another (exactly one is active). */
    public ModelView retire(int version, String actor) {
        ModelVersion m = find(version);
        if (m.status == ModelVersion.Status.ACTIVE) {
            throw ProblemException.conflict("Model version " + version
                    + " is the active one: activate another version instead (exactly one is active)");
        }
        if (m.status == ModelVersion.Status.RETIRED) {
            throw ProblemException.conflict("Model version " + version + " is already retired");
        }
        Instant now = clock.instant();
        m.status = ModelVersion.Status.RETIRED;
        m.retiredAt = now;
        audit(version, ModelChange.Action.RETIRED, actor, now, "retired as a draft");
        return ModelView.of(m);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ModelChange> history(int version) {
        find(version);
        return ModelChange.list("version = ?1 order by id", version);
    }

    ModelVersion find(int version) {
        return ModelVersion.<ModelVersion>findByIdOptional(version)
                .orElseThrow(() -> ProblemException.notFound("No model version " + version));
    }

    private ModelVersion lockedDraft(int version, String what) {
        ModelVersion m = ModelVersion.findById(version, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (m == null) {
            throw ProblemException.notFound("No model version " + version);
        }
        if (m.status != ModelVersion.Status.DRAFT) {
            throw ProblemException.conflict("Model version " + version + " is " + m.status
                    + " and cannot be " + what + ": create a draft from it (POST /api/v1/models?copyOf=" + version + ")");
        }
        return m;
    }

    private static void requireValid(ModelDefinition definition) {
        List<Problem.Violation> violations = ModelValidator.validate(definition);
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable(violations.size() + " rule problem(s): " + violations.stream()
                    .map(v -> v.field() + " " + v.message()).reduce((a, b) -> a + "; " + b).orElse(""), violations);
        }
    }

    private static void audit(int version, ModelChange.Action action, String actor, Instant at, String detail) {
        ModelChange c = new ModelChange();
        c.version = version;
        c.action = action;
        c.actor = actor;
        c.at = at;
        c.detail = detail;
        c.persist();
    }
}
