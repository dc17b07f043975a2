package io.leadhandoff.routing.rule;

import io.leadhandoff.common.condition.Facts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides who gets a lead, and says why. Pure: the roster, the rules and the time come in, a
 * decision goes out. An owned account goes to its owner (or the backup); otherwise the first
 * matching rule names a pool, a rep or a queue. In a pool, smooth weighted round robin among the
 * eligible reps: over any run of assignments each rep's share follows its weight, and a rep who
 * joins (or comes back) takes its share from then on, no catch-up burst.
 */
public final class Router {

    private Router() {
    }

    /** A rule ready to evaluate. */
    public record CompiledRule(RuleDefinition definition, Predicate<Facts> matches) {
    }

    /** A team's pool: its reps, and what happens when none of them works now. */
    public record Pool(String team, boolean queueOutsideHours, List<Candidate> reps) {
    }

    public record AccountOwner(String domain, String owner, String backup) {
    }

    /** Looks up the roster as of the decision. */
    public interface Roster {
        Optional<Pool> pool(String team);

        Optional<Candidate> rep(String login);
    }

    public record Skip(String login, String reason) {
    }

    /**
     * An owner (and the team the lead goes to), or a queue; the rule that decided, in words why,
     * each candidate passed over and why, and the pool's new round-robin credits.
     */
    public record Decision(String owner, String team, Queue queue, String rule, String reason, List<Skip> skipped,
            Map<String, Double> credits) {

        public boolean assigned() {
            return owner != null;
        }
    }

    public static Decision decide(Map<String, Object> lead, List<CompiledRule> rules, Optional<AccountOwner> account,
            Roster roster, Instant now) {
        List<Skip> skipped = new ArrayList<>();
        if (account.isPresent()) {
            AccountOwner a = account.get();
            for (String login : new String[] { a.owner(), a.backup() }) {
                if (login == null) {
                    continue;
                }
                Optional<Candidate> rep = roster.rep(login);
                String why = rep.isEmpty() ? "not in the roster" : rep.get().unavailable(now);
                if (why == null && !rep.get().worksAt(now)) {
                    why = "outside working hours";
                }
                if (why != null) {
                    skipped.add(new Skip(login, why));
                    continue;
                }
                return new Decision(login, rep.get().team(), null, "account " + a.domain(),
                        (login.equals(a.owner()) ? "Owner" : "Backup owner") + " of the account " + a.domain(), skipped, Map.of());
            }
        }
        Facts facts = LeadFacts.facts(lead);
        for (CompiledRule rule : rules) {
            if (rule.matches() != null && !rule.matches().test(facts)) {
                continue;
            }
            RuleDefinition r = rule.definition();
            return switch (r.targetKind()) {
                case QUEUE -> new Decision(null, null, Queue.valueOf(r.target()), r.name(), "Rule '" + r.name()
                        + "' sends it to the " + r.target() + " queue", skipped, Map.of());
                case REP -> {
                    Optional<Candidate> rep = roster.rep(r.target());
                    String why = rep.isEmpty() ? "not in the roster" : rep.get().unavailable(now);
                    if (why == null) {
                        yield new Decision(r.target(), rep.get().team(), null, r.name(), "Rule '" + r.name() + "' names "
                                + r.target(), skipped, Map.of());
                    }
                    skipped.add(new Skip(r.target(), why));
                    yield new Decision(null, rep.map(Candidate::team).orElse(null), Queue.FALLBACK, r.name(), "Rule '"
                            + r.name() + "' names " + r.target() + ", who cannot take it: " + why, skipped, Map.of());
                }
                case TEAM -> pool(lead, rule, roster, now, skipped);
            };
        }
        return new Decision(null, null, Queue.FALLBACK, null, "No rule matched", skipped, Map.of());
    }

    private static Decision pool(Map<String, Object> lead, CompiledRule rule, Roster roster, Instant now, List<Skip> skipped) {
        RuleDefinition r = rule.definition();
        Optional<Pool> found = roster.pool(r.target());
        if (found.isEmpty()) {
            return new Decision(null, null, Queue.FALLBACK, r.name(), "Rule '" + r.name() + "' names team " + r.target()
                    + ", which does not exist", skipped, Map.of());
        }
        Pool pool = found.get();
        List<Candidate> eligible = new ArrayList<>();
        List<Candidate> offHours = new ArrayList<>();
        for (Candidate c : pool.reps().stream().sorted(Comparator.comparing(Candidate::login)).toList()) {
            String why = c.unavailable(now);
            if (why == null) {
                why = covers(c, r, lead);
            }
            if (why == null && !c.worksAt(now)) {
                offHours.add(c);
                why = "outside working hours";
            }
            if (why == null) {
                eligible.add(c);
            } else {
                skipped.add(new Skip(c.login(), why));
            }
        }
        String why = "Rule '" + r.name() + "' routes it to team " + pool.team();
        if (eligible.isEmpty() && !offHours.isEmpty()) {
            if (pool.queueOutsideHours()) {
                Instant next = offHours.stream().map(c -> c.hours().nextStart(now)).flatMap(Optional::stream)
                        .min(Comparator.naturalOrder()).orElse(null);
                return new Decision(null, pool.team(), Queue.FALLBACK, r.name(), why + "; nobody there works now: it waits"
                        + (next == null ? "" : " until the next rep starts (" + next + ")"), skipped, Map.of());
            }
            // the pool skips hours only while someone works: otherwise the lead goes to its rep's desk now
            eligible = offHours;
            skipped.removeIf(s -> offHours.stream().anyMatch(c -> c.login().equals(s.login())));
            why += "; nobody there works now, so it waits in the rep's own list";
        }
        if (eligible.isEmpty()) {
            return new Decision(null, pool.team(), Queue.FALLBACK, r.name(), why + "; no rep there can take it now",
                    skipped, Map.of());
        }
        Map<String, Double> credits = new LinkedHashMap<>();
        double total = 0;
        Candidate chosen = null;
        for (Candidate c : eligible) {
            double credit = c.credit() + c.weight();
            credits.put(c.login(), credit);
            total += c.weight();
            if (chosen == null || credit > credits.get(chosen.login())) {
                chosen = c;
            }
        }
        credits.put(chosen.login(), credits.get(chosen.login()) - total);
        return new Decision(chosen.login(), pool.team(), null, r.name(), why + " (weighted round robin, "
                + eligible.size() + " eligible)", skipped, credits);
    }

    /** Why the rep does not fit what the rule asks of the lead's pool (seniority, language, ...), or null. */
    private static String covers(Candidate c, RuleDefinition r, Map<String, Object> lead) {
        if (r.seniority() != null && !r.seniority().equalsIgnoreCase(c.seniority())) {
            return "seniority " + c.seniority() + ", the rule needs " + r.seniority();
        }
        for (RuleDefinition.Match m : r.matchOn()) {
            String why = switch (m) {
                case LANGUAGE -> missing(lead.get("language"), c.languages(), "does not speak ");
                case PRODUCT_LINE -> missing(lead.get("productInterest"), c.productLines(), "does not cover product ");
                case TERRITORY -> {
                    Object country = lead.get("country");
                    Object region = lead.get("region");
                    boolean covered = country == null || contains(c.territories(), country) || contains(c.territories(), region);
                    yield covered ? null : "territory " + c.territories() + " does not cover " + country;
                }
            };
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    private static String missing(Object wanted, Set<String> offered, String prefix) {
        return wanted == null || contains(offered, wanted) ? null : prefix + wanted;
    }

    private static boolean contains(Collection<String> values, Object wanted) {
        if (wanted == null) {
            return false;
        }
        String w = wanted.toString().toLowerCase(Locale.ROOT);
        return values.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).equals(w));
    }
}
