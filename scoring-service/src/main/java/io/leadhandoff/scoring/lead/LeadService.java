package io.leadhandoff.scoring.lead;

import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.event.LeadMerged;
import io.leadhandoff.common.outbox.Outbox;
import io.leadhandoff.common.roster.TeamRoster;
import io.leadhandoff.common.validation.Normalised;
import io.leadhandoff.scoring.activity.Activity;
import io.leadhandoff.scoring.model.CompiledModel;
import io.leadhandoff.scoring.model.Scorer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
@Transactional
public class LeadService {

    private final EntityManager em;
    private final LeadScoring scoring;
    private final InstantSource clock;
    private final TeamRoster roster;
    private final Lifecycle lifecycle;
    private final Outbox outbox;
    private final IdentityConfig identity;

    private final LeadRows rows;

    public LeadService(EntityManager em, Outbox outbox, LeadScoring scoring, InstantSource clock, TeamRoster roster,
            Lifecycle lifecycle, IdentityConfig identity, LeadRows rows) {
        this.identity = identity;
        this.rows = rows;
        this.em = em;
        this.roster = roster;
        this.lifecycle = lifecycle;
        this.outbox = outbox;
        this.clock = clock;
        this.scoring = scoring;
    }

    public record Upserted(LeadView lead, boolean created) {
    }

    /** Creates or updates the lead with this (normalised) email; given fields overwrite, absent ones stay. */
    public Upserted upsert(LeadRequest request) {
        return upsertAll(List.of(request)).get(0);
    }

    /**
     * Creates or updates many leads in one transaction: one insert for the new ones, one locking
     * read for all, one read of their touches, each lead scored once. Several entries for one email
     * apply in order. The answer is in the order of the requests.
     */
    public List<Upserted> upsertAll(List<LeadRequest> requests) {
        List<String> emails = requests.stream().map(r -> normalise(r.email())).toList();
        Set<String> created = new java.util.HashSet<>();
        // created leads are announced with the source and campaign they came with
        Map<List<String>, Set<String>> bySourceAndCampaign = new java.util.LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            bySourceAndCampaign.computeIfAbsent(java.util.Arrays.asList(requests.get(i).source(), requests.get(i).campaign()),
                    k -> new TreeSet<>()).add(emails.get(i));
        }
        bySourceAndCampaign.forEach((sc, group) -> created.addAll(ensureLeads(group, sc.get(0), sc.get(1), "created via API")));
        Map<String, Lead> leads = lockByEmail(Set.copyOf(emails));
        for (int i = 0; i < requests.size(); i++) {
            apply(requests.get(i), leads.get(emails.get(i)));
        }
        Instant now = clock.instant();
        Map<UUID, Lead> touched = new java.util.LinkedHashMap<>();
        leads.values().forEach(l -> touched.put(l.id, l));
        Map<UUID, List<Activity>> activity = Activity.ofLeadsSince(touched.keySet(), now.minus(Scorer.HORIZON)).stream()
                .collect(Collectors.groupingBy(a -> a.leadId));
        scoring.rescoreAll(touched.values(), activity, scoring.activeModel(), true);
        Set<String> reported = new java.util.HashSet<>();
        List<Upserted> result = new ArrayList<>(requests.size());
        for (String email : emails) {
            // an email created by this batch counts as created once, at its first entry
            result.add(new Upserted(LeadView.of(leads.get(email)), created.contains(email) && reported.add(email)));
        }
        return result;
    }

    private static void apply(LeadRequest request, Lead lead) {
        if (request.firstName() != null) lead.firstName = request.firstName();
        if (request.lastName() != null) lead.lastName = request.lastName();
        if (request.jobTitle() != null) lead.jobTitle = request.jobTitle();
        if (request.seniority() != null) lead.seniority = request.seniority();
        if (request.companyName() != null) lead.companyName = request.companyName();
        if (request.companyDomain() != null) lead.companyDomain = Normalised.of(request.companyDomain());
        if (request.industry() != null) lead.industry = request.industry();
        if (request.employees() != null) lead.employees = request.employees();
        if (request.country() != null) lead.country = request.country();
        if (request.source() != null && lead.source == null) lead.source = request.source();
        if (request.campaign() != null && lead.campaign == null) lead.campaign = request.campaign();
        if (request.attributes() != null && !request.attributes().isEmpty()) {
            java.util.Map<String, Object> merged = new java.util.LinkedHashMap<>(lead.attributes);
            request.attributes().forEach((k, v) -> {
                if (v == null) {
                    merged.remove(k);
                } else {
                    merged.put(k, v);
                }
            });
            lead.attributes = merged;
        }
    }

    /**
     * One lead, if the caller may read it: {@code managerLogin} null reads every lead; a manager
     * reads the leads assigned under them and those of the teams they manage now (routing's roster).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public LeadView get(UUID id, String managerLogin) {
        ScoredNow now = scoredNow(readable(id, managerLogin), false);
        return LeadView.of(now.lead(), now.score(), now.model().version());
    }

    private Lead readable(UUID id, String managerLogin) {
        Lead lead = Lead.<Lead>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("No lead " + id));
        if (managerLogin != null && !managerLogin.equals(lead.managerLogin) && !roster.manages(managerLogin, lead.teamName)) {
            throw ProblemException.forbidden("Lead " + id + " is not assigned to your team");
        }
        return lead;
    }

    /** Why the lead scores what it does, as of now under the active model (intent decayed to now). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Explanation explain(UUID id, String managerLogin) {
        ScoredNow now = scoredNow(readable(id, managerLogin), true);
        Scorer.Verdict verdict = Scorer.judge(now.model().policy(), now.score());
        return Explanation.of(now.lead(), now.model(), now.score(), verdict,
                LeadScoring.meaningful(now.score(), now.activities()), now.at());
    }

    /** A lead scored from its stored activity as of now, under the active model: what reads show (never stored). */
    private record ScoredNow(Lead lead, CompiledModel model, List<Activity> activities, Scorer.Score score, Instant at) {
    }

    /** @param answers whether the touches are read with their properties (the form answers an explanation shows) */
    private ScoredNow scoredNow(Lead lead, boolean answers) {
        Instant now = clock.instant();
        CompiledModel model = scoring.activeModel();
        // the rules see no further back than the model's look-back, and not the touches' properties
        List<Activity> activities = answers ? Activity.ofLeadsSince(List.of(lead.id), now.minus(Scorer.HORIZON))
                : Activity.lightOfLeadsSince(List.of(lead.id), now.minus(model.lookback()));
        return new ScoredNow(lead, model, activities, Scorer.score(model, lead, activities, now), now);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Lifecycle.StageChange> timeline(UUID id, String managerLogin) {
        return lifecycle.timeline(readable(id, managerLogin).id);
    }

    /** Routing gave the lead an owner: remember who, so that reads are scoped to the owner's team. */
    public void assigned(UUID leadId, String owner, String manager, String team) {
        em.createNativeQuery("""
                update lead set owner_login = :owner, manager_login = :manager, team_name = :team where id = :id""")
                .setParameter("owner", owner).setParameter("manager", manager).setParameter("team", team)
                .setParameter("id", leadId).executeUpdate();
    }

    /**
     * Creates the leads that do not exist yet (a concurrent creator is tolerated) and announces
     * each new one. Returns the emails it created.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> ensureLeads(Collection<String> emails, String source, String campaign, String cause) {
        Instant now = clock.instant();
        List<String> sorted = List.copyOf(new TreeSet<>(emails));
        UUID[] ids = new UUID[sorted.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.randomUUID();
        }
        Map<String, UUID> inserted = new java.util.TreeMap<>();
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            // in e-mail order, like every locking path, so concurrent creators cannot deadlock
            try (java.sql.PreparedStatement insert = connection.prepareStatement("""
                    insert into lead (id, email, source, campaign, lifecycle_stage, created_at, updated_at)
                    select id, email, ?, ?, 'LEAD', ?, ? from unnest(?::uuid[], ?::varchar[]) as n(id, email) order by email
                    on conflict (email) do nothing returning id, email""")) {
                insert.setString(1, source);
                insert.setString(2, campaign);
                insert.setObject(3, now.atOffset(java.time.ZoneOffset.UTC));
                insert.setObject(4, now.atOffset(java.time.ZoneOffset.UTC));
                insert.setArray(5, connection.createArrayOf("uuid", ids));
                insert.setArray(6, connection.createArrayOf("varchar", sorted.toArray()));
                try (java.sql.ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        inserted.put(rs.getString(2), rs.getObject(1, UUID.class));
                    }
                }
            }
        });
        lifecycle.changedAll(inserted.entrySet().stream()
                .map(e -> new Lifecycle.Change(e.getValue(), null, LifecycleStage.LEAD, cause, source, campaign, now))
                .toList());
        Set<String> created = new TreeSet<>(inserted.keySet());
        return created;
    }

    /**
     * Loads and write-locks leads by normalised email, in a fixed order so concurrent batches cannot
     * deadlock. The email of a lead merged into another finds the survivor. The leads come back
     * read-only (no snapshot, no dirty check of a thousand leads): changes are written with {@link LeadRows}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Lead> lockByEmail(Collection<String> emails) {
        Map<String, Lead> byEmail = em.createQuery("select l from Lead l where l.email in :emails order by l.id", Lead.class)
                .setParameter("emails", emails).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true).getResultList()
                .stream().collect(Collectors.toMap(l -> l.email, Function.identity()));
        List<UUID> survivors = byEmail.values().stream().filter(l -> l.mergedInto != null).map(l -> l.mergedInto)
                .distinct().toList();
        if (!survivors.isEmpty()) {
            Map<UUID, Lead> byId = em.createQuery("select l from Lead l where l.id in :ids order by l.id", Lead.class)
                    .setParameter("ids", survivors).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true).getResultList()
                    .stream().collect(Collectors.toMap(l -> l.id, Function.identity()));
            byEmail.replaceAll((email, lead) -> lead.mergedInto == null ? lead : byId.get(lead.mergedInto));
        }
        return byEmail;
    }

    /**
     * Two leads are one person: {@code otherId}'s touches and timeline move to {@code id}, its
     * profile fills the gaps of {@code id}'s, scores are recomputed from the combined history, and
     * LeadMerged tells the other services. The merged lead stays as a pointer (its email keeps
     * finding the survivor).
     */
    public LeadView merge(UUID id, UUID otherId) {
        if (id.equals(otherId)) {
            throw ProblemException.badRequest("A lead cannot be merged with itself");
        }
        List<Lead> both = em.createQuery("select l from Lead l where l.id in :ids order by l.id", Lead.class)
                .setParameter("ids", List.of(id, otherId)).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        Lead survivor = both.stream().filter(l -> l.id.equals(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No lead " + id));
        Lead other = both.stream().filter(l -> l.id.equals(otherId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No lead " + otherId));
        if (survivor.mergedInto != null || other.mergedInto != null) {
            throw ProblemException.conflict("Lead " + (survivor.mergedInto != null ? id : otherId)
                    + " was already merged into another lead");
        }
        Instant now = clock.instant();
        em.createNativeQuery("update activity set lead_id = :survivor where lead_id = :other")
                .setParameter("survivor", id).setParameter("other", otherId).executeUpdate();
        em.createNativeQuery("update lead_stage_change set lead_id = :survivor where lead_id = :other")
                .setParameter("survivor", id).setParameter("other", otherId).executeUpdate();
        if (survivor.firstName == null) survivor.firstName = other.firstName;
        if (survivor.lastName == null) survivor.lastName = other.lastName;
        if (survivor.jobTitle == null) survivor.jobTitle = other.jobTitle;
        if (survivor.seniority == null) survivor.seniority = other.seniority;
        if (survivor.companyName == null) survivor.companyName = other.companyName;
        if (survivor.companyDomain == null) survivor.companyDomain = other.companyDomain;
        if (survivor.industry == null) survivor.industry = other.industry;
        if (survivor.employees == null) survivor.employees = other.employees;
        if (survivor.country == null) survivor.country = other.country;
        if (survivor.source == null) survivor.source = other.source;
        if (survivor.campaign == null) survivor.campaign = other.campaign;
        other.mergedInto = id;
        other.accountDomain = null;
        other.updatedAt = now;
        em.flush(); // the activities moved: the survivor is scored on both histories
        scoring.rescore(survivor, Activity.ofLeadsSince(List.of(id), now.minus(Scorer.HORIZON)), scoring.activeModel());
        outbox.publish(id.toString(), new LeadMerged(id, otherId, other.email, now));
        return LeadView.of(survivor);
    }

    /**
     * The key of a lead: the email trimmed and lower-cased (the form the request validation
     * measured, so a valid email always fits its column), without a plus tag if the policy says so.
     */
    public String normalise(String email) {
        String normal = Normalised.of(email);
        int at = normal.lastIndexOf('@');
        int plus = normal.indexOf('+');
        if (identity.stripPlusAddressing() && plus > 0 && plus < at) {
            return normal.substring(0, plus) + normal.substring(at);
        }
        return normal;
    }
}
