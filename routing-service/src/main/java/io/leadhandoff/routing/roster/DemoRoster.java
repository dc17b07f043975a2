package io.leadhandoff.routing.roster;

import io.leadhandoff.common.event.TeamChanged;
import io.leadhandoff.common.outbox.Outbox;
import io.leadhandoff.routing.RoutingConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import io.leadhandoff.common.condition.Condition;
import io.leadhandoff.routing.rule.RoutingRule;
import io.leadhandoff.routing.rule.RuleDefinition;
import io.leadhandoff.routing.rule.RuleService;
import java.util.UUID;

/**
 * Seeds the demo roster when routing.demo-roster is on: team "Inbound EMEA" (manager maria; SDRs
 * sam, sue and the French-speaking lea, who works Paris office hours) and team "Enterprise"
 * (manager erik; senior AE omar, AE nina, out of office for two weeks from the first start), and
 * rules that use them: missing company data to enrichment, enterprise-size leads to a senior AE,
 * French-speaking leads to someone who speaks French, the rest to Inbound EMEA. Idempotent, and
 * safe when two replicas start at once; rules are seeded only when there are none.
 */
@ApplicationScoped
public class DemoRoster {

    static final UUID INBOUND_EMEA = UUID.fromString("00000000-0000-0000-0000-00000000e001");
    static final UUID ENTERPRISE = UUID.fromString("00000000-0000-0000-0000-00000000e002");
    static final UUID NINA = UUID.fromString("00000000-0000-0000-0000-00000000a005");

    private final RoutingConfig config;
    private final EntityManager em;
    private final Outbox outbox;
    private final InstantSource clock;
    private final RuleService rules;

    public DemoRoster(RoutingConfig config, EntityManager em, Outbox outbox, InstantSource clock, RuleService rules) {
        this.rules = rules;
        this.config = config;
        this.em = em;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The demo rules, in order. */
    public static final List<RuleDefinition> RULES = List.of(
            new RuleDefinition("Missing company data", new Condition.All(List.of(new Condition.Missing("companyName"),
                    new Condition.Missing("companyDomain"))), RuleDefinition.TargetKind.QUEUE, "ENRICHMENT", null, List.of()),
            new RuleDefinition("Enterprise accounts", new Condition.Equals("segment",
                    io.leadhandoff.common.event.Segment.ENTERPRISE.name(), null),
                    RuleDefinition.TargetKind.TEAM, "Enterprise", "SENIOR_AE", List.of()),
            new RuleDefinition("French-speaking leads", new Condition.Equals("language", "fr", null),
                    RuleDefinition.TargetKind.TEAM, "Inbound EMEA", null, List.of(RuleDefinition.Match.LANGUAGE)),
            new RuleDefinition("Everyone else", null, RuleDefinition.TargetKind.TEAM, "Inbound EMEA", null, List.of()));

    @Transactional
    void seed(@Observes StartupEvent event) {
        if (!config.demoRoster()) {
            return;
        }
        // two replicas starting at once seed one after the other
        em.createNativeQuery("select pg_advisory_xact_lock(4242001)").getSingleResult();
        team(INBOUND_EMEA, "Inbound EMEA", "maria");
        team(ENTERPRISE, "Enterprise", "erik");
        String paris = """
                {"timeZone": "Europe/Paris", "days": {"MONDAY": {"from": "09:00", "to": "18:00"},
                 "TUESDAY": {"from": "09:00", "to": "18:00"}, "WEDNESDAY": {"from": "09:00", "to": "18:00"},
                 "THURSDAY": {"from": "09:00", "to": "18:00"}, "FRIDAY": {"from": "09:00", "to": "17:00"}}}""";
        em.createNativeQuery("""
                insert into rep (id, login, display_name, email, team_id, status, seniority, languages, territories, weight,
                                 working_hours) values
                  ('00000000-0000-0000-0000-00000000a001', 'sam', 'Sam Rivera', 'sam@lead-handoff.example', :emea, 'ACTIVE',
                   'SDR', '["en"]', '["EMEA"]', 1, null),
                  ('00000000-0000-0000-0000-00000000a002', 'sue', 'Sue Chen', 'sue@lead-handoff.example', :emea, 'ACTIVE',
                   'SDR', '["en", "de"]', '["EMEA"]', 1, null),
                  ('00000000-0000-0000-0000-00000000a003', 'lea', 'Léa Martin', 'lea@lead-handoff.example', :emea, 'ACTIVE',
                   'SDR', '["fr", "en"]', '["FR", "BE", "CH"]', 1, cast(:paris as jsonb)),
                  ('00000000-0000-0000-0000-00000000a004', 'omar', 'Omar Haddad', 'omar@lead-handoff.example', :enterprise,
                   'ACTIVE', 'SENIOR_AE', '["en", "ar"]', '["EMEA", "AMER"]', 1, null),
                  ('00000000-0000-0000-0000-00000000a005', 'nina', 'Nina Weber', 'nina@lead-handoff.example', :enterprise,
                   'ACTIVE', 'AE', '["en", "de"]', '["EMEA"]', 1, null)
                on conflict do nothing""").setParameter("emea", INBOUND_EMEA).setParameter("enterprise", ENTERPRISE)
                .setParameter("paris", paris).executeUpdate();
        Instant now = clock.instant();
        em.createNativeQuery("""
                insert into rep_absence (id, rep_id, starts_at, ends_at, note)
                values ('00000000-0000-0000-0000-00000000b005', :nina, :from, :to, 'Demo: on leave') on conflict do nothing""")
                .setParameter("nina", NINA).setParameter("from", now.minus(Duration.ofDays(1)))
                .setParameter("to", now.plus(Duration.ofDays(14))).executeUpdate();
        // rules only for a fresh roster: an administrator's own rules are never overwritten
        if (RoutingRule.count() == 0) {
            rules.replace(RULES, "demo");
        }
    }

    private void team(UUID id, String name, String manager) {
        int changed = em.createNativeQuery("""
                insert into team (id, name, manager_login, manager_email) values (:id, :name, :manager, :email)
                on conflict (id) do update set manager_email = excluded.manager_email
                where team.manager_email is distinct from excluded.manager_email""")
                .setParameter("id", id).setParameter("name", name).setParameter("manager", manager)
                .setParameter("email", manager + "@lead-handoff.example").executeUpdate();
        if (changed > 0) {
            // the services that scope reads by team learn who manages it
            Team team = Team.findById(id);
            outbox.publish(team.id.toString(), new TeamChanged(team.id, team.name, team.managerLogin, team.managerEmail,
                    clock.instant()));
        }
    }
}
