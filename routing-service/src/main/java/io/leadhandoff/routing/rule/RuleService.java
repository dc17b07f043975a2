package io.leadhandoff.routing.rule;

import io.leadhandoff.common.condition.Conditions;
import io.leadhandoff.common.error.Problem;
import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.routing.roster.Rep;
import io.leadhandoff.routing.roster.RosterAudit;
import io.leadhandoff.routing.roster.Team;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The ordered routing rules and the owned accounts: read, replaced as a whole, audited. */
@ApplicationScoped
@Transactional
public class RuleService {

    public static final int MAX_RULES = 200;

    private final RosterAudit audit;

    public RuleService(RosterAudit audit) {
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RuleDefinition> rules() {
        return RoutingRule.ordered().stream().map(RoutingRule::definition).toList();
    }

    /** The rules ready to evaluate, in order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Router.CompiledRule> compiled() {
        List<RuleDefinition> current = rules();
        Compiled known = compiled;
        if (known != null && known.from().equals(current)) {
            return known.rules(); // the same rules as last time (any replica may change them): no recompiling
        }
        List<Router.CompiledRule> rules = current.stream().map(r -> new Router.CompiledRule(r, r.condition() == null ? null
                : Conditions.compile(r.condition(), allowed(r.condition()))::test)).toList();
        compiled = new Compiled(current, rules);
        return rules;
    }

    /** The last rules compiled, and what they were compiled from. */
    private record Compiled(List<RuleDefinition> from, List<Router.CompiledRule> rules) {
    }

    private volatile Compiled compiled;

    /** Replaces the whole ordered list (first match wins), or nothing if one rule is invalid. */
    public List<RuleDefinition> replace(List<RuleDefinition> rules, String actor) {
        List<Problem.Violation> violations = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleDefinition r = rules.get(i);
            String at = "[" + i + "]";
            if (r == null) {
                violations.add(new Problem.Violation(at, "a rule is required"));
                continue;
            }
            if (!names.add(r.name().toLowerCase(Locale.ROOT))) {
                violations.add(new Problem.Violation(at + ".name", "'" + r.name() + "' names two rules"));
            }
            if (r.condition() != null) {
                Conditions.validate(r.condition(), allowed(r.condition())).forEach(v ->
                        violations.add(new Problem.Violation(at + "." + v.path(), v.message())));
            }
            switch (r.targetKind()) {
                case TEAM -> {
                    if (Team.find("name", r.target()).firstResultOptional().isEmpty()) {
                        violations.add(new Problem.Violation(at + ".target", "no team named '" + r.target() + "'"));
                    }
                }
                case REP -> {
                    if (Rep.find("login", r.target()).firstResultOptional().isEmpty()) {
                        violations.add(new Problem.Violation(at + ".target", "no rep with login '" + r.target() + "'"));
                    }
                }
                case QUEUE -> {
                    try {
                        Queue.valueOf(r.target());
                    } catch (IllegalArgumentException e) {
                        violations.add(new Problem.Violation(at + ".target", "'" + r.target() + "' is not a queue; one of "
                                + java.util.Arrays.toString(Queue.values())));
                    }
                }
            }
            if (r.targetKind() != RuleDefinition.TargetKind.TEAM && (r.seniority() != null || !r.matchOn().isEmpty())) {
                violations.add(new Problem.Violation(at + ".seniority", "seniority and matchOn choose reps in a team's pool:"
                        + " only with targetKind TEAM"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The rules were not saved: " + violations.get(0).field() + " "
                    + violations.get(0).message(), violations);
        }
        List<RuleDefinition> before = rules();
        RoutingRule.deleteAll();
        RoutingRule.flush();
        for (int i = 0; i < rules.size(); i++) {
            RuleDefinition r = rules.get(i);
            RoutingRule row = new RoutingRule();
            row.id = UUID.randomUUID();
            row.position = i;
            row.name = r.name();
            row.condition = r.condition();
            row.targetKind = r.targetKind();
            row.target = r.target();
            row.seniority = r.seniority();
            row.matchOn = new ArrayList<>(r.matchOn());
            row.persist();
        }
        audit.record(RosterAudit.Kind.RULES, "rules", actor, before, rules);
        return rules;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OwnedAccount> accounts() {
        return OwnedAccount.list("order by domain");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Router.AccountOwner> ownerOf(String domain) {
        if (domain == null || domain.isBlank()) {
            return Optional.empty();
        }
        return OwnedAccount.<OwnedAccount>findByIdOptional(domain.strip().toLowerCase(Locale.ROOT))
                .map(a -> new Router.AccountOwner(a.domain, a.ownerLogin, a.backupLogin));
    }

    /** Creates or replaces an owned account; the owner and backup must be in the roster. */
    public OwnedAccount putAccount(String domain, String name, String owner, String backup, String actor) {
        String key = domain.strip().toLowerCase(Locale.ROOT);
        List<Problem.Violation> violations = new ArrayList<>();
        if (Rep.find("login", owner).firstResultOptional().isEmpty()) {
            violations.add(new Problem.Violation("ownerLogin", "no rep with login '" + owner + "'"));
        }
        if (backup != null && Rep.find("login", backup).firstResultOptional().isEmpty()) {
            violations.add(new Problem.Violation("backupLogin", "no rep with login '" + backup + "'"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The account was not saved: " + violations.get(0).message(), violations);
        }
        OwnedAccount account = OwnedAccount.<OwnedAccount>findByIdOptional(key).orElse(null);
        Object before = account == null ? null : view(account);
        if (account == null) {
            account = new OwnedAccount();
            account.domain = key;
        }
        account.name = name;
        account.ownerLogin = owner;
        account.backupLogin = backup;
        account.persist();
        audit.record(RosterAudit.Kind.ACCOUNT, key, actor, before, view(account));
        return account;
    }

    public void deleteAccount(String domain, String actor) {
        String key = domain.strip().toLowerCase(Locale.ROOT);
        OwnedAccount account = OwnedAccount.<OwnedAccount>findByIdOptional(key)
                .orElseThrow(() -> ProblemException.notFound("No owned account " + key));
        audit.record(RosterAudit.Kind.ACCOUNT, key, actor, view(account), null);
        account.delete();
    }

    private static java.util.Map<String, Object> view(OwnedAccount a) {
        java.util.Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("domain", a.domain);
        v.put("name", a.name);
        v.put("ownerLogin", a.ownerLogin);
        v.put("backupLogin", a.backupLogin);
        return v;
    }

    /** The facts a rule may name: the lead's (see {@link LeadFacts}) and any custom {@code attributes.*}. */
    static Set<String> allowed(io.leadhandoff.common.condition.Condition condition) {
        Set<String> allowed = new HashSet<>(LeadFacts.NAMES);
        Conditions.attributes(condition).stream()
                .filter(n -> n != null && n.startsWith(LeadFacts.CUSTOM) && n.length() > LeadFacts.CUSTOM.length())
                .forEach(allowed::add);
        return allowed;
    }
}
