package io.leadhandoff.scoring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.condition.Condition;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.scoring.activity.Activity;
import io.leadhandoff.scoring.lead.Lead;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rule engine, pure: each rule kind, windows, several patterns in one window, decay, caps, disqualifiers, policy. */
class ScorerTest {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    static Lead lead(String email) {
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.email = email;
        lead.industry = "Software";
        lead.seniority = "Director";
        lead.employees = 500;
        lead.jobTitle = "Head of Sales";
        return lead;
    }

    static Activity touch(String type, String url, Duration ago) {
        Activity a = new Activity();
        a.eventId = UUID.randomUUID().toString();
        a.type = type;
        a.url = url;
        a.occurredAt = NOW.minus(ago);
        return a;
    }

    /** Newest first, as the service loads them. */
    static List<Activity> touches(Activity... activities) {
        List<Activity> list = new ArrayList<>(List.of(activities));
        list.sort(Comparator.comparing((Activity a) -> a.occurredAt).reversed());
        return list;
    }

    static QualificationPolicy policy(QualificationPolicy.Decay decay, boolean twoTier) {
        return new QualificationPolicy(20, 15, null, List.of("demo_request"), 30, twoTier,
                new QualificationPolicy.FitTiers(25, 15), decay);
    }

    static CompiledModel model(QualificationPolicy policy, Rule... rules) {
        return CompiledModel.compile(7, new ModelDefinition("test", List.of(rules), policy,
                Map.of("competitor", List.of("rival.example"), "customer", List.of("client.example"))));
    }

    static Rule field(String id, int points, Condition condition) {
        return new Rule(id, null, Rule.Kind.FIELD, Rule.Feeds.FIT, points, null, condition, null, null, null);
    }

    static Rule behaviour(String id, int points, Integer cap, Rule.Behaviour b) {
        return new Rule(id, null, Rule.Kind.BEHAVIOUR, Rule.Feeds.INTENT, points, cap, null, null, b, null);
    }

    static Rule.Behaviour pages(String url, Integer minCount, Integer windowDays) {
        return new Rule.Behaviour("page_view", url, null, minCount, windowDays, null);
    }

    @Test
    void fieldRulesLookAtAnyAttributeWithTheSharedConditions() {
        CompiledModel m = model(policy(null, false),
                field("industry", 10, new Condition.In("industry", List.of("software", "fintech"), null)),
                field("size", 10, new Condition.Range("employees", BigDecimal.valueOf(50), BigDecimal.valueOf(5000))),
                field("senior-in-software", 5, new Condition.All(List.of(
                        new Condition.Equals("seniority", "director", null), new Condition.Present("industry")))),
                field("no-country", -3, new Condition.Missing("country")));
        Scorer.Score s = Scorer.score(m, lead("dana@acme.example"), List.of(), NOW);
        assertEquals(22, s.fit());
        assertEquals("industry = Software", s.lines().get(0).detail(), "the rep sees the value that matched");
        assertEquals("B", s.fitTier());
    }

    @Test
    void behaviourCountsTouchesInItsWindowAndRepeatsUpToTheCap() {
        CompiledModel m = model(policy(null, false), behaviour("product", 8, 20, pages("*/product*", 3, 14)));
        List<Activity> seven = touches(
                touch("page_view", "https://acme.example/product/a", Duration.ofDays(1)),
                touch("page_view", "https://acme.example/product/b", Duration.ofDays(2)),
                touch("page_view", "https://acme.example/product/c", Duration.ofDays(3)),
                touch("page_view", "https://acme.example/product/d", Duration.ofDays(4)),
                touch("page_view", "https://acme.example/product/e", Duration.ofDays(5)),
                touch("page_view", "https://acme.example/product/f", Duration.ofDays(6)),
                touch("page_view", "https://acme.example/product/g", Duration.ofDays(30)), // outside the window
                touch("page_view", "https://acme.example/pricing", Duration.ofDays(1)));
        Scorer.Score s = Scorer.score(m, lead("dana@acme.example"), seven, NOW);
        assertEquals(16, s.intent(), "six touches in the window: twice 3, so 2 x 8");
        List<Activity> ten = new ArrayList<>(seven);
        for (int i = 0; i < 6; i++) {
            ten.add(touch("page_view", "https://acme.example/product/x" + i, Duration.ofHours(i + 1)));
        }
        assertEquals(20, Scorer.score(m, lead("dana@acme.example"), touches(ten.toArray(Activity[]::new)), NOW).intent(),
                "four times 3 would be 32: capped at 20");
        assertEquals(0, Scorer.score(m, lead("dana@acme.example"), touches(seven.get(0), seven.get(1)), NOW).intent(),
                "two touches are not yet three");
    }

    @Test
    void severalPatternsMustShareOneWindow() {
        Rule both = behaviour("pricing-and-product", 10, null, new Rule.Behaviour(null, null, null, null, 14,
                List.of(new Rule.Touch("page_view", "*/pricing*", null),
                        new Rule.Touch("page_view", "^https://acme\\.example/product/.*", Rule.UrlMatch.REGEX))));
        CompiledModel m = model(policy(null, false), both);
        Activity pricing = touch("page_view", "https://acme.example/pricing", Duration.ofDays(2));
        Activity product = touch("page_view", "https://acme.example/product/x", Duration.ofDays(10));
        Activity oldProduct = touch("page_view", "https://acme.example/product/y", Duration.ofDays(40));
        assertEquals(10, Scorer.score(m, lead("d@acme.example"), touches(pricing, product), NOW).intent());
        assertEquals(0, Scorer.score(m, lead("d@acme.example"), touches(pricing, oldProduct), NOW).intent(),
                "38 days apart: not the same buying window");
        assertEquals(0, Scorer.score(m, lead("d@acme.example"), touches(pricing), NOW).intent());
    }

    @Test
    void intentDecaysWithTheAgeOfTheTouch() {
        Rule webinar = behaviour("webinar", 20, null, new Rule.Behaviour("webinar_attended", null, null, 1, 365, null));
        Lead lead = lead("d@acme.example");
        List<Activity> monthOld = touches(touch("webinar_attended", null, Duration.ofDays(30)));
        assertEquals(10, Scorer.score(model(policy(new QualificationPolicy.Decay(QualificationPolicy.DecayMode.HALF_LIFE, 30),
                false), webinar), lead, monthOld, NOW).intent(), "one half-life: half the points");
        assertEquals(15, Scorer.score(model(policy(new QualificationPolicy.Decay(QualificationPolicy.DecayMode.LINEAR, 120),
                false), webinar), lead, monthOld, NOW).intent(), "a quarter of the way to zero");
        assertEquals(20, Scorer.score(model(policy(null, false), webinar), lead, monthOld, NOW).intent());
        assertEquals(5, Scorer.score(model(policy(new QualificationPolicy.Decay(QualificationPolicy.DecayMode.HALF_LIFE, 30),
                false), webinar), lead, monthOld, NOW.plus(Duration.ofDays(30))).intent(),
                "the same lead a month later, with no new touch, has faded further");
    }

    @Test
    void disqualifiersBlockMqlAndSayWhereTheLeadGoes() {
        Rule personal = new Rule("personal", null, Rule.Kind.EMAIL_DOMAIN, Rule.Feeds.DISQUALIFY, -100, null, null,
                Rule.PERSONAL_DOMAINS, null, null);
        Rule customer = new Rule("customer", null, Rule.Kind.EMAIL_DOMAIN, Rule.Feeds.DISQUALIFY, 0, null, null,
                "customer", null, Rule.Outcome.ROUTED_ELSEWHERE);
        Rule demo = behaviour("demo", 15, null, new Rule.Behaviour("demo_request", null, null, 1, 90, null));
        CompiledModel m = model(policy(null, false), personal, customer, demo);
        List<Activity> demoRequest = touches(touch("demo_request", null, Duration.ofMinutes(5)));

        Scorer.Score gmail = Scorer.score(m, lead("someone@gmail.com"), demoRequest, NOW);
        assertEquals(Rule.Outcome.DISQUALIFIED, gmail.disqualifiedAs().orElseThrow());
        assertFalse(Scorer.judge(m.policy(), gmail).mql(), "even a demo request does not make it an MQL");

        Scorer.Score client = Scorer.score(m, lead("buyer@client.example"), demoRequest, NOW);
        assertEquals(Rule.Outcome.ROUTED_ELSEWHERE, client.disqualifiedAs().orElseThrow());

        Scorer.Score prospect = Scorer.score(m, lead("buyer@prospect.example"), demoRequest, NOW);
        assertTrue(prospect.disqualifiedAs().isEmpty());
        Scorer.Verdict hot = Scorer.judge(m.policy(), prospect);
        assertTrue(hot.mql() && hot.handOff());
        assertEquals(Priority.HOT, hot.priority());
        assertTrue(hot.reason().startsWith("Fast track: demo request"), hot.reason());
    }

    @Test
    void thePolicyGivesPriorityFromIntentBandsAndTwoTierKeepsScoreMqlsInNurture() {
        Rule fit = field("fit", 25, new Condition.Present("industry"));
        Rule pricing = behaviour("pricing", 20, null, pages("*/pricing*", 1, 14));
        Rule more = behaviour("case", 15, null, pages("*/case*", 1, 14));
        List<Activity> warm = touches(touch("page_view", "https://acme.example/pricing", Duration.ofDays(1)));
        List<Activity> high = touches(warm.get(0), touch("page_view", "https://acme.example/case-study", Duration.ofDays(1)));
        Lead lead = lead("d@acme.example");

        CompiledModel oneTier = model(policy(null, false), fit, pricing, more);
        assertEquals(Priority.WARM, Scorer.judge(oneTier.policy(), Scorer.score(oneTier, lead, warm, NOW)).priority());
        assertEquals(Priority.HIGH, Scorer.judge(oneTier.policy(), Scorer.score(oneTier, lead, high, NOW)).priority());
        assertFalse(Scorer.judge(oneTier.policy(), Scorer.score(oneTier, lead, List.of(), NOW)).mql(), "no intent");

        CompiledModel twoTier = model(policy(null, true), fit, pricing, more);
        Scorer.Verdict nurture = Scorer.judge(twoTier.policy(), Scorer.score(twoTier, lead, high, NOW));
        assertTrue(nurture.mql());
        assertFalse(nurture.handOff(), "two-tier: an MQL by scores stays with marketing");
        List<Activity> withDemo = new ArrayList<>(high);
        withDemo.add(0, touch("demo_request", null, Duration.ZERO));
        assertTrue(Scorer.judge(twoTier.policy(), Scorer.score(twoTier, lead, withDemo, NOW)).handOff(),
                "a fast-track touch hands it to sales");
        assertEquals("A", Scorer.score(twoTier, lead, high, NOW).fitTier());
    }

    @Test
    void fieldRulesReadTheLeadsCustomAttributes() {
        Lead lead = lead("d@acme.example");
        lead.attributes = Map.of("Lead Source", "Reference", "Budget", 40_000);
        CompiledModel m = model(policy(null, false),
                field("reference", 12, new Condition.Equals("attributes.Lead Source", "reference", null)),
                field("budget", 8, new Condition.Range("attributes.Budget", BigDecimal.valueOf(25_000), null)));
        Scorer.Score s = Scorer.score(m, lead, List.of(), NOW);
        assertEquals(20, s.fit());
        assertEquals("attributes.Lead Source = Reference", s.lines().get(0).detail());
        assertEquals(0, Scorer.score(m, lead("e@acme.example"), List.of(), NOW).fit(), "no such attribute: no points");
    }
}
