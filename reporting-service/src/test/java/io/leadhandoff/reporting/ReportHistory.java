package io.leadhandoff.reporting;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.FirstTouchLogged;
import io.leadhandoff.common.event.LeadAccepted;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadLifecycleChanged;
import io.leadhandoff.common.event.LeadOutcomeRecorded;
import io.leadhandoff.common.event.LeadQualified;
import io.leadhandoff.common.event.LeadQueued;
import io.leadhandoff.common.event.LeadReassigned;
import io.leadhandoff.common.event.LeadRejected;
import io.leadhandoff.common.event.LeadSalesQualified;
import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.event.RejectionReason;
import io.leadhandoff.common.event.RepChanged;
import io.leadhandoff.common.event.SlaBreached;
import io.leadhandoff.common.event.SlaMet;
import io.leadhandoff.testing.TestEvents;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small history with answers computed by hand (see each report test): five leads of a team of
 * its own, in a week of its own (a Monday, D, in 2001-2009), one of them recycled and qualified
 * again the next Monday.
 *
 * <pre>
 * L1 webinar/q1 HOT  score 72 A  MQL D 09:00, ann 09:01 (SMB), touched 09:31 (first touch met), SAL 10:00,
 *                                 SQL D+1 10:00, opportunity D+2, won D+3 10:00
 * L2 webinar/q1 HIGH score 55 B  MQL D 09:00, ann 09:02, first touch breached 10:02, touched 11:02,
 *                                 rejected 12:00 (BAD_TIMING), recycled 12:00;
 *                                 MQL again D+7 09:00 (score 58 B), bob 09:05, SAL 10:00, SQL 12:00
 * L3 ads/brand  WARM score 35 C  MQL D 09:00, bob 09:10 (ENTERPRISE), reassigned to ann 10:00 ("SLA escalation"),
 *                                 first touch breached 10:10 (open: nothing since)
 * L4 ads/brand  WARM score 38 C  MQL D 09:00, queued ENRICHMENT 09:00 (waiting)
 * L5 webinar/q1 HIGH score 50 B  MQL D 09:00, carl 09:20 (carl has left)
 * Roster: ann weight 2, bob weight 1 (active), carl departed.
 * </pre>
 */
final class ReportHistory {

    final String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    final LocalDate day = LocalDate.of(2001, 1, 1).plusWeeks(ThreadLocalRandom.current().nextInt(450))
            .with(DayOfWeek.MONDAY);
    final String team = "Team " + run;
    final String ann = "ann-" + run;
    final String bob = "bob-" + run;
    final String carl = "carl-" + run;
    /** The ads campaign, this history's own: leads are counted by source and campaign, whatever the team. */
    final String brand = "brand-" + run;
    final UUID l1 = UUID.randomUUID();
    final UUID l2 = UUID.randomUUID();
    final UUID l3 = UUID.randomUUID();
    final UUID l4 = UUID.randomUUID();
    final UUID l5 = UUID.randomUUID();
    final UUID l3Clock = UUID.randomUUID();

    private final EventCodec codec;

    ReportHistory(EventCodec codec) {
        this.codec = codec;
    }

    Instant at(int days, int hour, int minute) {
        return day.plusDays(days).atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    List<UUID> leads() {
        return List.of(l1, l2, l3, l4, l5);
    }

    /** Every event, each lead's in the order its producers would send them. */
    List<String> events() {
        List<String> e = new ArrayList<>();
        e.add(event(EventType.REP_CHANGED, ann, new RepChanged(ann, team, "ACTIVE", 2, at(-30, 9, 0))));
        e.add(event(EventType.REP_CHANGED, bob, new RepChanged(bob, team, "ACTIVE", 1, at(-30, 9, 0))));
        e.add(event(EventType.REP_CHANGED, carl, new RepChanged(carl, team, "ACTIVE", 1, at(-30, 9, 0))));
        e.add(event(EventType.REP_CHANGED, carl, new RepChanged(carl, team, "DEPARTED", 1, at(0, 18, 0))));
        for (UUID lead : leads()) {
            String source = lead.equals(l3) || lead.equals(l4) ? "ads" : "webinar";
            e.add(event(EventType.LEAD_LIFECYCLE_CHANGED, lead, new LeadLifecycleChanged(lead, null, LifecycleStage.LEAD,
                    "created", source, source.equals("ads") ? brand : "q1", at(0, 8, 0))));
        }
        e.add(qualified(l1, "webinar", "q1", Priority.HOT, 72, "A", at(0, 9, 0)));
        UUID a1 = UUID.randomUUID();
        e.add(assigned(l1, a1, ann, Priority.HOT, "SMB", at(0, 9, 1)));
        e.add(event(EventType.FIRST_TOUCH_LOGGED, l1, new FirstTouchLogged(l1, a1, ann, "maria", team, Priority.HOT, "CALL",
                null, at(0, 9, 1), at(0, 9, 31))));
        e.add(event(EventType.SLA_MET, l1, new SlaMet(l1, UUID.randomUUID(), "FIRST_TOUCH", ann, "maria", team, Priority.HOT,
                at(0, 9, 1), at(0, 10, 1), at(0, 9, 31), 1800)));
        e.add(event(EventType.LEAD_ACCEPTED, l1, new LeadAccepted(l1, a1, ann, "maria", team, Priority.HOT, ann, null,
                at(0, 9, 1), at(0, 10, 0), null)));
        e.add(event(EventType.LEAD_SALES_QUALIFIED, l1, new LeadSalesQualified(l1, a1, ann, "maria", team, Priority.HOT,
                new LeadSalesQualified.Bant("yes", "yes", "yes", "Q1"), ann, at(0, 9, 1), at(1, 10, 0))));
        e.add(event(EventType.LEAD_OUTCOME_RECORDED, l1, new LeadOutcomeRecorded(l1, a1, ann, "maria", team,
                LeadOutcomeRecorded.Outcome.OPPORTUNITY, null, ann, at(2, 10, 0))));
        e.add(event(EventType.LEAD_OUTCOME_RECORDED, l1, new LeadOutcomeRecorded(l1, a1, ann, "maria", team,
                LeadOutcomeRecorded.Outcome.WON, null, ann, at(3, 10, 0))));

        e.add(qualified(l2, "webinar", "q1", Priority.HIGH, 55, "B", at(0, 9, 0)));
        UUID a2 = UUID.randomUUID();
        e.add(assigned(l2, a2, ann, Priority.HIGH, "SMB", at(0, 9, 2)));
        e.add(breached(l2, UUID.randomUUID(), a2, ann, Priority.HIGH, at(0, 9, 2), at(0, 10, 2)));
        e.add(event(EventType.FIRST_TOUCH_LOGGED, l2, new FirstTouchLogged(l2, a2, ann, "maria", team, Priority.HIGH,
                "EMAIL", null, at(0, 9, 2), at(0, 11, 2))));
        e.add(event(EventType.LEAD_REJECTED, l2, new LeadRejected(l2, a2, ann, "maria", team, Priority.HIGH,
                RejectionReason.BAD_TIMING, "next year", null, ann, at(0, 9, 2), at(0, 12, 0), null)));
        e.add(event(EventType.LEAD_LIFECYCLE_CHANGED, l2, new LeadLifecycleChanged(l2, LifecycleStage.MQL,
                LifecycleStage.RECYCLED, "rejected: BAD_TIMING", "webinar", "q1", at(0, 12, 0))));
        e.add(qualified(l2, "webinar", "q1", Priority.HIGH, 58, "B", at(7, 9, 0)));
        UUID a2b = UUID.randomUUID();
        e.add(assigned(l2, a2b, bob, Priority.HIGH, "SMB", at(7, 9, 5)));
        e.add(event(EventType.LEAD_ACCEPTED, l2, new LeadAccepted(l2, a2b, bob, "maria", team, Priority.HIGH, bob, null,
                at(7, 9, 5), at(7, 10, 0), null)));
        e.add(event(EventType.LEAD_SALES_QUALIFIED, l2, new LeadSalesQualified(l2, a2b, bob, "maria", team, Priority.HIGH,
                new LeadSalesQualified.Bant("yes", "yes", "yes", "Q2"), bob, at(7, 9, 5), at(7, 12, 0))));

        e.add(qualified(l3, "ads", brand, Priority.WARM, 35, "C", at(0, 9, 0)));
        UUID a3 = UUID.randomUUID();
        e.add(assigned(l3, a3, bob, Priority.WARM, "ENTERPRISE", at(0, 9, 10)));
        e.add(event(EventType.LEAD_REASSIGNED, l3, new LeadReassigned(l3, a3, bob, ann, "maria", team, Priority.WARM,
                "SLA escalation", "sla-service", at(0, 10, 0), null, null, null, null)));
        e.add(breached(l3, l3Clock, a3, ann, Priority.WARM, at(0, 10, 0), at(0, 10, 10)));

        e.add(qualified(l4, "ads", brand, Priority.WARM, 38, "C", at(0, 9, 0)));
        e.add(event(EventType.LEAD_QUEUED, l4, new LeadQueued(l4, UUID.randomUUID(), "ENRICHMENT", "missing company data",
                "maria", team, Priority.WARM, at(0, 9, 0), null, "SMB")));

        e.add(qualified(l5, "webinar", "q1", Priority.HIGH, 50, "B", at(0, 9, 0)));
        e.add(assigned(l5, UUID.randomUUID(), carl, Priority.HIGH, "MID_MARKET", at(0, 9, 20)));
        return e;
    }

    private String qualified(UUID lead, String source, String campaign, Priority priority, int score, String tier,
            Instant at) {
        return event(EventType.LEAD_QUALIFIED, lead, new LeadQualified(lead, lead + "@acme.example", null, null, null,
                "Acme", "acme.example", "DE", source, campaign, priority, score / 2, score - score / 2, score, "threshold", 1,
                List.of(), List.of(), at, tier, null, null, null, null, null));
    }

    private String assigned(UUID lead, UUID assignment, String owner, Priority priority, String segment, Instant at) {
        return event(EventType.LEAD_ASSIGNED, lead, new LeadAssigned(lead, assignment, owner, "maria", team, priority, at,
                null, null, null, "Everyone else", 0, segment));
    }

    private String breached(UUID lead, UUID clock, UUID assignment, String owner, Priority priority, Instant started,
            Instant at) {
        return event(EventType.SLA_BREACHED, lead, new SlaBreached(lead, clock, "FIRST_TOUCH", owner, "maria", priority,
                started, at, at, assignment, team, Duration.ofHours(1).toSeconds(), Duration.ofHours(1).toSeconds()));
    }

    private <T extends Record> String event(EventType type, Object subject, T data) {
        return codec.encode(TestEvents.wrap(type, "test", subject.toString(), data));
    }
}
