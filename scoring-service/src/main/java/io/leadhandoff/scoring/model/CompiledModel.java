package io.leadhandoff.scoring.model;

import io.leadhandoff.common.condition.Condition;
import io.leadhandoff.common.condition.Conditions;
import io.leadhandoff.common.condition.Facts;
import io.leadhandoff.common.error.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A model version ready to evaluate: conditions compiled into predicates, touch patterns into
 * conditions over a touch's {@code type} and {@code url}, domain lists into sets. Built once per
 * version (active and retired versions never change).
 */
public final class CompiledModel {

    /** The attributes of a touch that touch patterns look at. */
    static final Set<String> TOUCH_ATTRIBUTES = Set.of("type", "url");

    /** Free-mail and personal domains: a business lead does not write from these. */
    public static final Set<String> SHIPPED_PERSONAL_DOMAINS = Set.of("gmail.com", "googlemail.com", "yahoo.com",
            "yahoo.co.uk", "yahoo.fr", "yahoo.de", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de",
            "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "gmx.de", "gmx.net",
            "gmx.com", "web.de", "t-online.de", "proton.me", "protonmail.com", "mail.com", "yandex.ru", "yandex.com",
            "mail.ru", "qq.com", "163.com", "126.com", "zoho.com", "fastmail.com", "orange.fr", "free.fr",
            "laposte.net", "libero.it", "virgilio.it", "seznam.cz", "wp.pl", "o2.pl", "btinternet.com",
            "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "rediffmail.com");

    final int version;
    final ModelDefinition definition;
    final List<Compiled> rules;

    /** @param firstPattern where this rule's touch patterns start in {@link #patterns()} */
    record Compiled(Rule rule, Predicate<Facts> lead, Set<String> domains, List<TouchPattern> touches, int firstPattern) {

        /** Several patterns that must meet inside one window, rather than one pattern counted. */
        boolean pairs() {
            return touches.size() > 1;
        }
    }

    /** A touch pattern of a behaviour rule, and how far back a touch matching it can still count. */
    record Pattern(TouchPattern touch, java.time.Duration horizon) {
    }

    private final java.time.Duration lookback;
    private final List<Pattern> patterns;

    private CompiledModel(int version, ModelDefinition definition, List<Compiled> rules) {
        this.version = version;
        this.definition = definition;
        this.rules = rules;
        java.time.Duration longest = java.time.Duration.ZERO;
        for (Rule r : definition.rules()) {
            if (r.kind() == Rule.Kind.BEHAVIOUR) {
                java.time.Duration w = r.behaviour().windowDays() == null ? Scorer.HORIZON
                        : java.time.Duration.ofDays(r.behaviour().windowDays());
                longest = w.compareTo(longest) > 0 ? w : longest;
            }
        }
        // fast-track touches count for as long as the longest window, at least 90 days
        this.lookback = longest.compareTo(java.time.Duration.ofDays(90)) < 0 ? java.time.Duration.ofDays(90) : longest;
        List<Pattern> all = new ArrayList<>();
        for (Compiled c : rules) {
            for (TouchPattern t : c.touches()) {
                // a counting rule looks as far back as its window; touches paired in a window, as far as the look-back
                all.add(new Pattern(t, c.pairs() ? lookback : c.rule().behaviour().windowDays() == null ? Scorer.HORIZON
                        : java.time.Duration.ofDays(c.rule().behaviour().windowDays())));
            }
        }
        this.patterns = List.copyOf(all);
    }

    /** Every behaviour rule's touch patterns, in rule order: what a {@link TouchHistory} keeps touches for. */
    List<Pattern> patterns() {
        return patterns;
    }

    public int version() {
        return version;
    }

    public ModelDefinition definition() {
        return definition;
    }

    /**
     * How far back the rules look: the longest behaviour window (the scoring horizon if a rule has
     * none). Touches older than this cannot change a score, so they need not be read.
     */
    public java.time.Duration lookback() {
        return lookback;
    }

    /**
     * Whether a touch can change a score under this model: it matches a behaviour rule's pattern or
     * is of a fast-track type. Other touches (most page views) are stored, but need no re-scoring.
     */
    public boolean counts(io.leadhandoff.scoring.activity.Activity touch) {
        if (definition.policy().fastTrack().contains(touch.type)) {
            return true;
        }
        for (Compiled rule : rules) {
            for (TouchPattern pattern : rule.touches()) {
                if (pattern.test(touch)) {
                    return true;
                }
            }
        }
        return false;
    }

    public QualificationPolicy policy() {
        return definition.policy();
    }

    /** Compiles a valid definition; an invalid one is refused with its violations. */
    public static CompiledModel compile(int version, ModelDefinition definition) {
        List<Problem.Violation> violations = ModelValidator.validate(definition);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("Model " + version + " is invalid: " + violations);
        }
        List<Compiled> rules = new ArrayList<>();
        int patterns = 0;
        for (Rule rule : definition.rules()) {
            Compiled compiled = switch (rule.kind()) {
                case FIELD -> new Compiled(rule, Conditions.compile(rule.condition(), LeadAttributes.allowedFor(rule.condition()))::test,
                        Set.of(), List.of(), patterns);
                case EMAIL_DOMAIN -> new Compiled(rule, null, domains(rule, definition), List.of(), patterns);
                case BEHAVIOUR -> new Compiled(rule, null, Set.of(), touches(rule.behaviour()), patterns);
            };
            patterns += compiled.touches().size();
            rules.add(compiled);
        }
        return new CompiledModel(version, definition, List.copyOf(rules));
    }

    private static Set<String> domains(Rule rule, ModelDefinition definition) {
        List<String> listed = Rule.PERSONAL_DOMAINS.equals(rule.domainList()) ? List.copyOf(SHIPPED_PERSONAL_DOMAINS)
                : definition.domainLists().get(rule.domainList());
        return listed.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    private static List<TouchPattern> touches(Rule.Behaviour b) {
        List<Rule.Touch> patterns = b.allOf() != null && !b.allOf().isEmpty() ? b.allOf()
                : List.of(new Rule.Touch(b.eventType(), b.url(), b.match()));
        return patterns.stream().map(t -> {
            Condition type = new Condition.Equals("type", t.eventType(), null);
            Condition matches = t.url() == null ? type : new Condition.All(List.of(type,
                    t.match() == Rule.UrlMatch.REGEX ? new Condition.Matches("url", t.url())
                            : new Condition.Glob("url", t.url())));
            return new TouchPattern(Conditions.compile(matches, TOUCH_ATTRIBUTES)::test);
        }).toList();
    }
}
