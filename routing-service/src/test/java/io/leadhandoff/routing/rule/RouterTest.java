package io.leadhandoff.routing.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.condition.Condition;
import io.leadhandoff.common.condition.Conditions;
import io.leadhandoff.routing.roster.WorkingHours;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The routing decision, pure: rules, account ownership, weighted round robin, caps, availability, time zones. */
class RouterTest {

    static final Instant MONDAY_NOON = Instant.parse("2026-11-30T12:00:00Z");

    /** A rep who can take leads, with the given weight. */
    static Candidate rep(String login, String team, int weight) {
        return new Candidate(login, team, false, "SDR", Set.of("en"), Set.of(), Set.of("EMEA"), weight, null, null, null,
                null, 0, 0, 0);
    }

    /** A roster of mutable reps (credits and counts move as decisions are applied). */
    static final class TestRoster implements Router.Roster {
        final Map<String, Candidate> reps = new LinkedHashMap<>();
        final Map<String, Boolean> queueOutsideHours = new HashMap<>();

        TestRoster add(Candidate c) {
            reps.put(c.login(), c);
            return this;
        }

        @Override
        public Optional<Router.Pool> pool(String team) {
            List<Candidate> members = reps.values().stream().filter(c -> c.team().equals(team)).toList();
            return members.isEmpty() ? Optional.empty()
                    : Optional.of(new Router.Pool(team, queueOutsideHours.getOrDefault(team, false), members));
        }

        @Override
        public Optional<Candidate> rep(String login) {
            return Optional.ofNullable(reps.get(login));
        }

        /** Applies a decision as the service does: new credits, one more lead today and open for the owner. */
        void apply(Router.Decision d) {
            d.credits().forEach((login, credit) -> {
                Candidate c = reps.get(login);
                reps.put(login, new Candidate(c.login(), c.team(), c.departed(), c.seniority(), c.languages(),
                        c.productLines(), c.territories(), c.weight(), c.dailyCapacity(), c.openCap(), c.hours(),
                        c.absentUntil(), c.givenToday(), c.open(), credit));
            });
        }
    }

    static Router.CompiledRule rule(String name, Condition condition, RuleDefinition.TargetKind kind, String target,
            String seniority, List<RuleDefinition.Match> matchOn) {
        RuleDefinition d = new RuleDefinition(name, condition, kind, target, seniority, matchOn);
        return new Router.CompiledRule(d, condition == null ? null
                : Conditions.compile(condition, RuleService.allowed(condition))::test);
    }

    static Router.CompiledRule toTeam(String team) {
        return rule("Everyone to " + team, null, RuleDefinition.TargetKind.TEAM, team, null, List.of());
    }

    static Map<String, Object> lead(String country, Integer employees) {
        Map<String, Object> f = new HashMap<>();
        f.put("country", country);
        f.put("region", "EMEA");
        f.put("employees", employees);
        f.put("segment", LeadFacts.segment(employees));
        f.put("language", country.equals("FR") ? "fr" : "en");
        return f;
    }

    @Test
    void overTenThousandAssignmentsEachRepGetsItsWeightShareAndANewcomerNoCatchUpBurst() {
        TestRoster roster = new TestRoster().add(rep("a", "T", 1)).add(rep("b", "T", 2)).add(rep("c", "T", 3))
                .add(rep("d", "T", 4));
        List<Router.CompiledRule> rules = List.of(toTeam("T"));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            Router.Decision d = Router.decide(lead("DE", 50), rules, Optional.empty(), roster, MONDAY_NOON);
            roster.apply(d);
            counts.merge(d.owner(), 1, Integer::sum);
        }
        for (Candidate c : roster.reps.values()) {
            double share = counts.get(c.login()) / 10_000.0;
            assertEquals(c.weight() / 10.0, share, 0.02, c.login() + "'s share");
        }
        // a rep joins after 10,000 leads: from then on it takes its share, not everything until it catches up
        roster.add(rep("e", "T", 2));
        Map<String, Integer> after = new HashMap<>();
        List<String> firstTen = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            Router.Decision d = Router.decide(lead("DE", 50), rules, Optional.empty(), roster, MONDAY_NOON);
            roster.apply(d);
            after.merge(d.owner(), 1, Integer::sum);
            if (i < 12) {
                firstTen.add(d.owner());
            }
        }
        assertEquals(2 / 12.0, after.get("e") / 12_000.0, 0.02, "the newcomer's share");
        assertEquals(4 / 12.0, after.get("d") / 12_000.0, 0.02, "a long-serving rep's share");
        assertTrue(firstTen.stream().filter("e"::equals).count() <= 3, "no burst to the newcomer: " + firstTen);
    }

    @Test
    void repsWhoCannotTakeALeadAreSkippedAndEachSkipSaysWhy() {
        TestRoster roster = new TestRoster()
                .add(new Candidate("gone", "T", true, "SDR", Set.of("en"), Set.of(), Set.of(), 1, null, null, null, null, 0, 0, 0))
                .add(new Candidate("away", "T", false, "SDR", Set.of("en"), Set.of(), Set.of(), 1, null, null, null,
                        Instant.parse("2026-12-10T00:00:00Z"), 0, 0, 0))
                .add(new Candidate("full", "T", false, "SDR", Set.of("en"), Set.of(), Set.of(), 1, 5, null, null, null, 5, 0, 0))
                .add(new Candidate("busy", "T", false, "SDR", Set.of("en"), Set.of(), Set.of(), 1, null, 3, null, null, 0, 3, 0))
                .add(new Candidate("junior", "T", false, "SDR", Set.of("en"), Set.of(), Set.of(), 1, null, null, null, null, 0, 0, 0))
                .add(new Candidate("english", "T", false, "SENIOR_AE", Set.of("en"), Set.of(), Set.of(), 1, null, null, null,
                        null, 0, 0, 0))
                .add(new Candidate("francais", "T", false, "SENIOR_AE", Set.of("fr", "en"), Set.of(), Set.of(), 1, null, null,
                        null, null, 0, 0, 0));
        Router.Decision d = Router.decide(lead("FR", 5000), List.of(rule("Enterprise, in the lead's language",
                new Condition.Equals("segment", "ENTERPRISE", null), RuleDefinition.TargetKind.TEAM, "T", "SENIOR_AE",
                List.of(RuleDefinition.Match.LANGUAGE))), Optional.empty(), roster, MONDAY_NOON);
        assertEquals("francais", d.owner());
        assertEquals("Enterprise, in the lead's language", d.rule());
        Map<String, String> why = new HashMap<>();
        d.skipped().forEach(s -> why.put(s.login(), s.reason()));
        assertEquals("departed", why.get("gone"));
        assertTrue(why.get("away").startsWith("out of office until 2026-12-10"), why.get("away"));
        assertEquals("daily capacity reached (5 of 5 today)", why.get("full"));
        assertEquals("open-lead cap reached (3 of 3 open)", why.get("busy"));
        assertEquals("seniority SDR, the rule needs SENIOR_AE", why.get("junior"));
        assertEquals("does not speak fr", why.get("english"));
        assertEquals(6, d.skipped().size());
    }

    static WorkingHours berlinOfficeHours() {
        Map<DayOfWeek, WorkingHours.Window> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            days.put(day, new WorkingHours.Window(LocalTime.of(9, 0), LocalTime.of(18, 0)));
        }
        return new WorkingHours("Europe/Berlin", days);
    }

    @Test
    void workingHoursFollowTheRepsTimeZoneAcrossADaylightSavingChange() {
        WorkingHours berlin = berlinOfficeHours();
        // Friday 27 March 2026, still winter time (UTC+1): 07:30 UTC is 08:30 in Berlin, 08:30 UTC is 09:30
        assertFalse(berlin.isWorking(Instant.parse("2026-03-27T07:30:00Z")));
        assertTrue(berlin.isWorking(Instant.parse("2026-03-27T08:30:00Z")));
        // Monday 30 March, summer time since Sunday (UTC+2): 07:30 UTC is already 09:30 in Berlin
        assertTrue(berlin.isWorking(Instant.parse("2026-03-30T07:30:00Z")));
        assertFalse(berlin.isWorking(Instant.parse("2026-03-30T06:30:00Z")));
        // a Friday-evening lead: the next start is Monday 09:00 Berlin, after the clocks changed
        assertEquals(Optional.of(Instant.parse("2026-03-30T07:00:00Z")), berlin.nextStart(Instant.parse("2026-03-27T17:30:00Z")));
    }

    @Test
    void outsideEveryonesHoursAPoolEitherQueuesUntilTheNextStartOrGivesTheLeadToItsRepAnyway() {
        Candidate office = new Candidate("office", "T", false, "SDR", Set.of("en"), Set.of(), Set.of(), 1, null, null,
                berlinOfficeHours(), null, 0, 0, 0);
        Instant fridayEvening = Instant.parse("2026-11-27T18:30:00Z");
        TestRoster roster = new TestRoster().add(office);
        roster.queueOutsideHours.put("T", true);
        Router.Decision queued = Router.decide(lead("DE", 50), List.of(toTeam("T")), Optional.empty(), roster, fridayEvening);
        assertFalse(queued.assigned());
        assertEquals(Queue.FALLBACK, queued.queue());
        assertTrue(queued.reason().contains("until the next rep starts (2026-11-30T08:00:00Z)"), queued.reason());
        assertEquals("outside working hours", queued.skipped().get(0).reason());

        roster.queueOutsideHours.put("T", false);
        Router.Decision anyway = Router.decide(lead("DE", 50), List.of(toTeam("T")), Optional.empty(), roster, fridayEvening);
        assertEquals("office", anyway.owner());
        assertTrue(anyway.reason().contains("nobody there works now"), anyway.reason());

        // while someone works, those who do not are skipped
        roster.add(rep("always", "T", 1));
        Router.Decision skip = Router.decide(lead("DE", 50), List.of(toTeam("T")), Optional.empty(), roster, fridayEvening);
        assertEquals("always", skip.owner());
        assertEquals("outside working hours", skip.skipped().get(0).reason());
    }

    @Test
    void anOwnedAccountGoesToItsOwnerOrTheBackupBeforeAnyRule() {
        TestRoster roster = new TestRoster().add(rep("owner", "Accounts", 1)).add(rep("backup", "Accounts", 1))
                .add(rep("pool", "T", 1));
        Optional<Router.AccountOwner> account = Optional.of(new Router.AccountOwner("bigco.example", "owner", "backup"));
        Router.Decision d = Router.decide(lead("DE", 50), List.of(toTeam("T")), account, roster, MONDAY_NOON);
        assertEquals("owner", d.owner());
        assertEquals("account bigco.example", d.rule());

        roster.add(new Candidate("owner", "Accounts", false, "AE", Set.of(), Set.of(), Set.of(), 1, null, null, null,
                Instant.parse("2026-12-01T00:00:00Z"), 0, 0, 0));
        Router.Decision away = Router.decide(lead("DE", 50), List.of(toTeam("T")), account, roster, MONDAY_NOON);
        assertEquals("backup", away.owner());
        assertTrue(away.skipped().get(0).reason().startsWith("out of office"));

        roster.add(new Candidate("backup", "Accounts", true, "AE", Set.of(), Set.of(), Set.of(), 1, null, null, null, null,
                0, 0, 0));
        Router.Decision neither = Router.decide(lead("DE", 50), List.of(toTeam("T")), account, roster, MONDAY_NOON);
        assertEquals("pool", neither.owner(), "neither can: the rules decide");
        assertEquals(2, neither.skipped().size());
    }

    @Test
    void aRuleNamingARepGivesItToThatRepOrTheFallbackQueueSayingWhyNot() {
        TestRoster roster = new TestRoster().add(rep("named", "T", 1)).add(rep("other", "T", 1));
        List<Router.CompiledRule> rules = List.of(rule("Partner referrals", new Condition.Equals("source", "partner", null),
                RuleDefinition.TargetKind.REP, "named", null, List.of()), toTeam("T"));
        Map<String, Object> referral = lead("DE", 50);
        referral.put("source", "partner");
        Router.Decision d = Router.decide(referral, rules, Optional.empty(), roster, MONDAY_NOON);
        assertEquals("named", d.owner());
        assertEquals("Partner referrals", d.rule());

        roster.add(new Candidate("named", "T", false, "SDR", Set.of(), Set.of(), Set.of(), 1, null, null, null,
                Instant.parse("2026-12-24T00:00:00Z"), 0, 0, 0));
        Router.Decision away = Router.decide(referral, rules, Optional.empty(), roster, MONDAY_NOON);
        assertFalse(away.assigned());
        assertEquals(Queue.FALLBACK, away.queue());
        assertTrue(away.reason().contains("names named, who cannot take it: out of office"), away.reason());
    }

    @Test
    void theFirstMatchingRuleWinsAndNoMatchIsTheFallbackQueue() {
        TestRoster roster = new TestRoster().add(rep("a", "T", 1));
        List<Router.CompiledRule> rules = List.of(
                rule("No company", new Condition.Missing("companyName"), RuleDefinition.TargetKind.QUEUE, "ENRICHMENT", null,
                        List.of()),
                rule("Germany", new Condition.Equals("country", "DE", null), RuleDefinition.TargetKind.TEAM, "T", null,
                        List.of()));
        Map<String, Object> noCompany = lead("DE", 50);
        Router.Decision enrich = Router.decide(noCompany, rules, Optional.empty(), roster, MONDAY_NOON);
        assertEquals(Queue.ENRICHMENT, enrich.queue());
        assertEquals("No company", enrich.rule());

        Map<String, Object> german = lead("DE", 50);
        german.put("companyName", "Acme");
        assertEquals("a", Router.decide(german, rules, Optional.empty(), roster, MONDAY_NOON).owner());

        Map<String, Object> french = lead("FR", 50);
        french.put("companyName", "Acme");
        Router.Decision none = Router.decide(french, rules, Optional.empty(), roster, MONDAY_NOON);
        assertEquals(Queue.FALLBACK, none.queue());
        assertNull(none.rule());
        assertEquals("No rule matched", none.reason());
    }
}
