package io.leadhandoff.scoring.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.event.LeadAccepted;
import io.leadhandoff.common.event.LeadOutcomeRecorded;
import io.leadhandoff.common.event.LeadRejected;
import io.leadhandoff.common.event.LeadSalesQualified;
import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.event.RejectionReason;
import io.leadhandoff.common.inbox.EventHandlers;
import io.leadhandoff.scoring.activity.Activity;
import io.leadhandoff.scoring.model.CompiledModel;
import io.leadhandoff.scoring.model.ModelService;
import io.leadhandoff.scoring.model.ScoreLine;
import io.leadhandoff.scoring.model.Scorer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The loop from sales back to marketing: what sales does with an MQL moves its lifecycle stage
 * (accepted: SAL, qualified: SQL, opportunity, won: CUSTOMER, lost: RECYCLED), and each rejection
 * reason has its path (bad timing, no active project, could not contact, other: RECYCLED to
 * nurture, qualifying again only on new intent; wrong profile or role: DISQUALIFIED; existing
 * customer, competitor or partner: ROUTED_ELSEWHERE; a duplicate is merged into the lead it
 * duplicates; insufficient data waits for enrichment as an MQL). Acceptance and rejection are
 * kept with the rules that had fired, for the model's feedback report.
 */
@ApplicationScoped
@Transactional
public class SalesLoop implements EventHandlers {

    private static final Logger LOG = Logger.getLogger(SalesLoop.class);
    private static final Set<LifecycleStage> BEFORE_SAL = EnumSet.of(LifecycleStage.MQL);
    private static final Set<LifecycleStage> BEFORE_SQL = EnumSet.of(LifecycleStage.MQL, LifecycleStage.SAL);
    private static final Set<LifecycleStage> SALES_OPEN = EnumSet.of(LifecycleStage.MQL, LifecycleStage.SAL,
            LifecycleStage.SQL, LifecycleStage.OPPORTUNITY);

    private final EntityManager em;
    private final Lifecycle lifecycle;
    private final LeadService leads;
    private final ObjectMapper mapper;
    private final ModelService models;

    public SalesLoop(EntityManager em, Lifecycle lifecycle, LeadService leads, ObjectMapper mapper, ModelService models) {
        this.models = models;
        this.em = em;
        this.lifecycle = lifecycle;
        this.leads = leads;
        this.mapper = mapper;
    }

    @Override
    public void register(Registrations on) {
        on.event(LeadAccepted.class, e -> accepted(e.data()));
        on.event(LeadSalesQualified.class, e -> qualified(e.data()));
        on.event(LeadRejected.class, e -> rejected(e.data()));
        on.event(LeadOutcomeRecorded.class, e -> outcome(e.data()));
    }

    void accepted(LeadAccepted e) {
        Lead lead = lock(e.leadId());
        if (lead == null) {
            return;
        }
        feedback(lead, "ACCEPTED", null, e.acceptedAt());
        move(lead, BEFORE_SAL, LifecycleStage.SAL, "Accepted by " + e.actor(), e.acceptedAt());
    }

    void qualified(LeadSalesQualified e) {
        Lead lead = lock(e.leadId());
        if (lead != null) {
            move(lead, BEFORE_SQL, LifecycleStage.SQL, "Qualified by " + e.actor() + " (need: " + e.bant().need() + ")",
                    e.qualifiedAt());
        }
    }

    void outcome(LeadOutcomeRecorded e) {
        Lead lead = lock(e.leadId());
        if (lead == null) {
            return;
        }
        String cause = e.outcome() + " (" + e.actor() + (e.note() == null ? "" : ": " + e.note()) + ")";
        switch (e.outcome()) {
            case OPPORTUNITY -> move(lead, EnumSet.of(LifecycleStage.MQL, LifecycleStage.SAL, LifecycleStage.SQL),
                    LifecycleStage.OPPORTUNITY, "Opportunity opened " + cause, e.recordedAt());
            case WON -> move(lead, SALES_OPEN, LifecycleStage.CUSTOMER, "Won " + cause, e.recordedAt());
            case LOST -> recycle(lead, "Lost " + cause, e.recordedAt());
        }
    }

    void rejected(LeadRejected e) {
        Lead lead = lock(e.leadId());
        if (lead == null) {
            return;
        }
        feedback(lead, "REJECTED", e.reason(), e.rejectedAt());
        String cause = "Rejected by " + e.actor() + ": " + e.reason() + (e.note() == null ? "" : " (" + e.note() + ")");
        switch (e.reason()) {
            case BAD_TIMING, NO_ACTIVE_PROJECT, COULD_NOT_CONTACT, OTHER -> recycle(lead, cause, e.rejectedAt());
            case WRONG_COMPANY_PROFILE, WRONG_ROLE -> move(lead, SALES_OPEN, LifecycleStage.DISQUALIFIED, cause, e.rejectedAt());
            case EXISTING_CUSTOMER, COMPETITOR_OR_PARTNER -> move(lead, SALES_OPEN, LifecycleStage.ROUTED_ELSEWHERE, cause,
                    e.rejectedAt());
            case INSUFFICIENT_DATA -> LOG.infof("Lead %s waits for enrichment: %s", lead.id, cause);
            case DUPLICATE -> duplicate(lead, e, cause);
        }
    }

    /** A duplicate merges into the lead it duplicates when the rep named it; otherwise it leaves the funnel. */
    private void duplicate(Lead lead, LeadRejected e, String cause) {
        Lead original = e.duplicateOf() == null ? null : em.find(Lead.class, e.duplicateOf());
        // checked here, not caught: a refusal inside the transaction would roll the whole event back
        if (original != null && original.mergedInto == null && !original.id.equals(lead.id)) {
            leads.merge(original.id, lead.id);
            return;
        }
        if (e.duplicateOf() != null) {
            LOG.warnf("Lead %s rejected as a duplicate of %s, which cannot take it: disqualified", lead.id, e.duplicateOf());
        }
        move(lead, SALES_OPEN, LifecycleStage.DISQUALIFIED, cause, e.rejectedAt());
    }

    private void recycle(Lead lead, String cause, Instant at) {
        if (move(lead, SALES_OPEN, LifecycleStage.RECYCLED, cause + "; back to nurture: it qualifies again on new intent", at)) {
            lead.recycledAt = at;
            lead.priority = null;
            lead.handedOffAt = null;
        }
    }

    /** Moves the lead to {@code to} if it is in one of {@code from} (an event about an older state changes nothing). */
    private boolean move(Lead lead, Set<LifecycleStage> from, LifecycleStage to, String cause, Instant at) {
        if (!from.contains(lead.lifecycleStage)) {
            LOG.debugf("Lead %s is %s: not moved to %s", lead.id, lead.lifecycleStage, to);
            return false;
        }
        LifecycleStage was = lead.lifecycleStage;
        lead.lifecycleStage = to;
        lead.updatedAt = at;
        lifecycle.changed(lead.id, was, to, cause, lead.source, lead.campaign, at);
        return true;
    }

    private Lead lock(UUID id) {
        Lead lead = em.find(Lead.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (lead == null) {
            LOG.warnf("Sales acted on lead %s, which scoring does not know", id);
            return null;
        }
        if (lead.mergedInto != null) {
            return em.find(Lead.class, lead.mergedInto, LockModeType.PESSIMISTIC_WRITE);
        }
        return lead;
    }

    /** The rules that gave or cost the lead points at {@code at}, under the model it was scored with. */
    private List<String> firedRules(Lead lead, Instant at) {
        if (lead.modelVersion == null) {
            return List.of();
        }
        CompiledModel model = models.compiled(lead.modelVersion);
        List<Activity> touches = Activity.lightOfLeadsSince(List.of(lead.id), at.minus(model.lookback()));
        return Scorer.score(model, lead, touches, at).lines().stream().filter(l -> l.points() != 0)
                .map(ScoreLine::rule).distinct().toList();
    }

    private void feedback(Lead lead, String verdict, RejectionReason reason, Instant at) {
        String rules;
        try {
            rules = mapper.writeValueAsString(firedRules(lead, at));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        em.createNativeQuery("""
                insert into sales_feedback (lead_id, model_version, verdict, reason, source, rules, at)
                values (:lead, :version, :verdict, :reason, :source, cast(:rules as jsonb), :at)""")
                .setParameter("lead", lead.id).setParameter("version", lead.modelVersion).setParameter("verdict", verdict)
                .setParameter("reason", reason == null ? null : reason.name()).setParameter("source", lead.source)
                .setParameter("rules", rules).setParameter("at", at).executeUpdate();
    }
}
