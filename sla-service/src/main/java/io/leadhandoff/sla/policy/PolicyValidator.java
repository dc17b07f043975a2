package io.leadhandoff.sla.policy;

import io.leadhandoff.common.error.Problem;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.validation.EmailAddress;
import io.leadhandoff.sla.clock.SlaClock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What makes a policy unusable, each problem naming its field (tiers[0].clocks[1].target, ...). */
public final class PolicyValidator {

    /** Events about an assignment that can start, meet, stop, pause or resume a clock. */
    public static final Set<String> ASSIGNMENT_EVENTS = Set.of("LeadAssigned", "LeadQueued", "FirstTouchLogged",
            "LeadAccepted", "LeadRejected", "LeadSalesQualified", "LeadOutcomeRecorded", "LeadPutOnHold",
            "LeadTakenOffHold");
    /** A lead merged into another leaves every desk: it can only stop clocks. */
    public static final String LEAD_MERGED = "LeadMerged";
    /** Routing's size segments (LeadAssigned.segment). */
    public static final Set<String> SEGMENTS = java.util.Arrays.stream(io.leadhandoff.common.event.Segment.values())
            .map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private PolicyValidator() {
    }

    public static List<Problem.Violation> validate(PolicyDefinition policy) {
        List<Problem.Violation> problems = new ArrayList<>();
        if (policy.tiers().isEmpty()) {
            problems.add(new Problem.Violation("tiers", "must hold at least one tier"));
        }
        for (int t = 0; t < policy.tiers().size(); t++) {
            PolicyDefinition.Tier tier = policy.tiers().get(t);
            String at = "tiers[" + t + "]";
            if (tier.segments() != null) {
                for (int s = 0; s < tier.segments().size(); s++) {
                    if (!SEGMENTS.contains(tier.segments().get(s))) {
                        problems.add(new Problem.Violation(at + ".segments[" + s + "]", "is not a segment: one of "
                                + new java.util.TreeSet<>(SEGMENTS)));
                    }
                }
            }
            Set<SlaClock.Kind> kinds = new HashSet<>();
            for (int c = 0; c < tier.clocks().size(); c++) {
                PolicyDefinition.ClockDefinition clock = tier.clocks().get(c);
                String field = at + ".clocks[" + c + "]";
                if (!kinds.add(clock.kind())) {
                    problems.add(new Problem.Violation(field + ".kind", "appears twice in the tier: one " + clock.kind()
                            + " clock per tier"));
                }
                clock(clock, field, problems);
            }
        }
        // a lead of any priority whose segment no tier names still gets clocks
        for (Priority p : Priority.values()) {
            if (!policy.tiers().isEmpty() && policy.tierFor(p, null).isEmpty()) {
                problems.add(new Problem.Violation("tiers", "no tier covers " + p
                        + " leads of any segment: add a tier without segments for them"));
            }
        }
        return problems;
    }

    private static void clock(PolicyDefinition.ClockDefinition clock, String field, List<Problem.Violation> problems) {
        if (!clock.target().isPositive()) {
            problems.add(new Problem.Violation(field + ".target", "must be more than zero"));
        } else if (clock.target().compareTo(Duration.ofDays(365)) > 0) {
            problems.add(new Problem.Violation(field + ".target", "must be at most a year"));
        }
        if (clock.warningAt() != null && (clock.warningAt() <= 0 || clock.warningAt() >= 1)) {
            problems.add(new Problem.Violation(field + ".warningAt", clock.warningAt() >= 1
                    ? "must be below 1: a warning at or after the target comes too late to act on"
                    : "must be more than 0 (a share of the target, e.g. 0.75)"));
        }
        if (clock.startOn().isEmpty()) {
            problems.add(new Problem.Violation(field + ".startOn", "must name at least one event"));
        }
        if (clock.metOn() == null || clock.metOn().isEmpty()) {
            problems.add(new Problem.Violation(field + ".metOn", "must name at least one event: a clock nobody can meet"
                    + " only ever breaches"));
        }
        events(clock.startOn(), field + ".startOn", false, problems);
        events(clock.metOn(), field + ".metOn", false, problems);
        events(clock.stopOn(), field + ".stopOn", true, problems);
        events(clock.pauseOn(), field + ".pauseOn", false, problems);
        events(clock.resumeOn(), field + ".resumeOn", false, problems);
        boolean pauses = clock.pauseOn() != null && !clock.pauseOn().isEmpty();
        boolean resumes = clock.resumeOn() != null && !clock.resumeOn().isEmpty();
        if (pauses != resumes) {
            problems.add(new Problem.Violation(field + (pauses ? ".resumeOn" : ".pauseOn"),
                    "must be given with " + (pauses ? "pauseOn: a paused clock must be able to resume" : "resumeOn")));
        }
        overlap(clock.metOn(), clock.pauseOn(), field + ".pauseOn", "metOn", problems);
        overlap(clock.metOn(), clock.resumeOn(), field + ".resumeOn", "metOn", problems);
        overlap(clock.pauseOn(), clock.resumeOn(), field + ".resumeOn", "pauseOn", problems);
        List<PolicyDefinition.EscalationStep> ladder = clock.ladder();
        Duration previous = Duration.ZERO;
        for (int s = 0; s < ladder.size(); s++) {
            PolicyDefinition.EscalationStep step = ladder.get(s);
            String at = field + ".escalation[" + s + "]";
            if (step.after().isNegative()) {
                problems.add(new Problem.Violation(at + ".after", "must not be negative: steps run at or after the breach"));
            } else if (step.after().compareTo(previous) < 0) {
                problems.add(new Problem.Violation(at + ".after", "must not come before the step above it"));
            } else {
                previous = step.after();
            }
            boolean address = step.address() != null;
            boolean webhook = step.webhook() != null;
            if (step.action() == PolicyDefinition.Action.NOTIFY_ADDRESS) {
                if (address == webhook) {
                    problems.add(new Problem.Violation(at + ".address", "NOTIFY_ADDRESS needs exactly one of address"
                            + " (an e-mail address) and webhook (a URL)"));
                } else if (address && !EmailAddress.Validator.valid(step.address())) {
                    problems.add(new Problem.Violation(at + ".address", "must be an e-mail address"));
                } else if (webhook && !httpUrl(step.webhook())) {
                    problems.add(new Problem.Violation(at + ".webhook", "must be an http or https URL"));
                }
            } else if (address || webhook) {
                problems.add(new Problem.Violation(at + (address ? ".address" : ".webhook"), "is only for NOTIFY_ADDRESS:"
                        + " " + step.action() + " reaches the people of the assignment"));
            }
        }
    }

    private static void events(List<String> names, String field, boolean merged, List<Problem.Violation> problems) {
        if (names == null) {
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!ASSIGNMENT_EVENTS.contains(name) && !(merged && LEAD_MERGED.equals(name))) {
                problems.add(new Problem.Violation(field + "[" + i + "]", "is not an event a clock can follow here: one of "
                        + new java.util.TreeSet<>(ASSIGNMENT_EVENTS) + (merged ? " or " + LEAD_MERGED : "")));
            }
        }
    }

    private static void overlap(List<String> a, List<String> b, String field, String other,
            List<Problem.Violation> problems) {
        if (a != null && b != null) {
            b.stream().filter(a::contains).findFirst().ifPresent(e -> problems.add(new Problem.Violation(field,
                    "names " + e + ", which is in " + other + " too")));
        }
    }

    private static boolean httpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
