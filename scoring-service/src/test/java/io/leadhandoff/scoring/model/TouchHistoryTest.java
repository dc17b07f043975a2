package io.leadhandoff.scoring.model;

import static io.leadhandoff.scoring.model.ScorerTest.behaviour;
import static io.leadhandoff.scoring.model.ScorerTest.lead;
import static io.leadhandoff.scoring.model.ScorerTest.pages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.scoring.activity.Activity;
import io.leadhandoff.scoring.lead.Lead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The history kept with a lead (touches added batch by batch, old ones dropped, stored as bytes)
 * scores exactly like the lead's stored activity read whole: the ingest path may skip reading it.
 */
class TouchHistoryTest {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final String[] URLS = { "https://acme.example/pricing", "https://acme.example/product/a",
            "https://acme.example/blog/x", "https://acme.example/case-study/b", "https://acme.example/careers" };
    static final String[] TYPES = { "page_view", "page_view", "page_view", "webinar_attended", "demo_request" };

    static CompiledModel model() {
        return ScorerTest.model(ScorerTest.policy(new QualificationPolicy.Decay(QualificationPolicy.DecayMode.HALF_LIFE, 30), false),
                behaviour("pricing", 10, 40, pages("*/pricing*", 1, 14)),
                behaviour("product-thrice", 5, 15, pages("*/product*", 3, 14)),
                behaviour("case-study", 4, null, pages("*/case-stud*", 1, 30)),
                behaviour("pricing-and-product", 15, null, new Rule.Behaviour(null, null, null, null, 7,
                        List.of(new Rule.Touch("page_view", "*/pricing*", null), new Rule.Touch("page_view", "*/product*", null)))),
                behaviour("webinar", 8, 16, new Rule.Behaviour("webinar_attended", null, null, 1, 60, null)),
                behaviour("any-page", 1, 30, new Rule.Behaviour("page_view", null, null, 2, null, null)));
    }

    static Activity touch(Random random, Instant at) {
        int k = random.nextInt(URLS.length);
        Activity a = new Activity();
        a.eventId = UUID.randomUUID().toString();
        a.type = TYPES[random.nextInt(10) == 0 ? 4 : k == 3 && random.nextBoolean() ? 3 : 0];
        a.url = URLS[k];
        a.occurredAt = TouchHistory.toMicros(at);
        return a;
    }

    @Test
    void keptBatchByBatchItScoresLikeTheWholeActivity() {
        CompiledModel model = model();
        Random random = new Random(42);
        Lead lead = lead("dana@acme.example");
        List<Activity> all = new ArrayList<>();
        TouchHistory kept = TouchHistory.of(model, List.of(), START);
        Instant now = START;
        int qualifiedWindows = 0;
        for (int batch = 0; batch < 300; batch++) {
            // time moves by minutes to days; touches arrive late (up to two days) and out of order
            now = now.plus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 3)));
            List<Activity> added = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                added.add(touch(random, now.minus(Duration.ofMinutes(random.nextInt(60 * 48)))));
            }
            all.addAll(added);
            kept = TouchHistory.fromBytes(kept.with(model, added, now).toBytes(), model).orElseThrow();

            Scorer.Score fromKept = Scorer.score(model, lead, kept, now);
            Scorer.Score fromAll = Scorer.score(model, lead, all, now);
            assertEquals(fromAll.intent(), fromKept.intent(), "intent after batch " + batch);
            assertEquals(fromAll.lines(), fromKept.lines(), "rules fired after batch " + batch);
            assertEquals(fromAll.fastTrack().map(a -> a.occurredAt), fromKept.fastTrack().map(a -> a.occurredAt));
            // later instants too (decay, windows closing), as the decay timer scores them
            Instant later = now.plus(Duration.ofDays(random.nextInt(40)));
            assertEquals(Scorer.score(model, lead, all, later).lines(), Scorer.score(model, lead, kept, later).lines(),
                    "as of " + later);
            if (fromKept.lines().stream().anyMatch(l -> l.rule().equals("pricing-and-product"))) {
                qualifiedWindows++;
            }
        }
        assertTrue(qualifiedWindows > 10, "the paired rule fired now and then: " + qualifiedWindows);
    }

    @Test
    void anotherModelVersionOrUnreadableBytesMeanRebuildFromTheActivity() {
        CompiledModel model = model();
        byte[] kept = TouchHistory.of(model, List.of(touch(new Random(1), START)), START).toBytes();
        CompiledModel next = CompiledModel.compile(8, model.definition());
        assertTrue(TouchHistory.fromBytes(kept, model).isPresent());
        assertTrue(TouchHistory.fromBytes(kept, next).isEmpty(), "kept for version 7, not 8");
        assertTrue(TouchHistory.fromBytes(new byte[] { 1, 2 }, model).isEmpty());
        assertTrue(TouchHistory.fromBytes(null, model).isEmpty());
    }

    @Test
    void aPatternKeepsOnlyTouchesItsRuleCanStillCountAndAtMostTheNewestThousand() {
        CompiledModel model = model();
        List<Activity> many = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 1_500; i++) {
            Activity a = touch(random, START.plus(Duration.ofMinutes(i)));
            a.type = "page_view";
            a.url = URLS[0];
            many.add(a);
        }
        Instant now = START.plus(Duration.ofDays(1));
        TouchHistory kept = TouchHistory.of(model, many, now);
        assertEquals(TouchHistory.MAX_PER_PATTERN, kept.matching(0).size());
        assertEquals(many.get(many.size() - 1).occurredAt, kept.matching(0).get(0).at(), "the newest first");
        TouchHistory weeksLater = kept.with(model, List.of(), now.plus(Duration.ofDays(20)));
        assertEquals(0, weeksLater.matching(0).size(), "pricing counts within 14 days: nothing left to keep");
        assertEquals(TouchHistory.MAX_PER_PATTERN, weeksLater.matching(3).size(),
                "the paired rule looks back as far as the model does (90 days)");
    }
}
