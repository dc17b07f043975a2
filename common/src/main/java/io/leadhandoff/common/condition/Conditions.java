package io.leadhandoff.common.condition;

import io.leadhandoff.common.condition.Condition.All;
import io.leadhandoff.common.condition.Condition.Any;
import io.leadhandoff.common.condition.Condition.Equals;
import io.leadhandoff.common.condition.Condition.Glob;
import io.leadhandoff.common.condition.Condition.In;
import io.leadhandoff.common.condition.Condition.Matches;
import io.leadhandoff.common.condition.Condition.Missing;
import io.leadhandoff.common.condition.Condition.Not;
import io.leadhandoff.common.condition.Condition.Present;
import io.leadhandoff.common.condition.Condition.Range;
import io.leadhandoff.common.condition.InvalidConditionException.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates conditions and compiles them into predicates: regular expressions and globs compiled
 * once, value lists turned into hash sets, so evaluation on the hot path is plain method calls
 * (no reflection, no parsing). Validation collects every problem, each with its path.
 */
public final class Conditions {

    /** Deeper nesting than this is refused: no real rule needs it, and it bounds evaluation. */
    public static final int MAX_DEPTH = 16;
    public static final int MAX_NODES = 500;
    public static final int MAX_VALUES = 10_000;
    public static final int MAX_PATTERN_LENGTH = 500;

    private Conditions() {
    }

    /** A validated condition, ready to test facts. */
    public record Compiled(Condition source, Predicate<Facts> predicate) {
        public boolean test(Facts facts) {
            return predicate.test(facts);
        }
    }

    /**
     * Validates and compiles {@code condition}.
     *
     * @param attributes the attribute names facts of this kind have; null accepts any name
     * @throws InvalidConditionException naming every invalid part
     */
    public static Compiled compile(Condition condition, Set<String> attributes) {
        Compiler compiler = new Compiler(attributes);
        Predicate<Facts> predicate = compiler.compile(condition, "condition", 1);
        if (!compiler.violations.isEmpty()) {
            throw new InvalidConditionException(compiler.violations);
        }
        return new Compiled(condition, predicate);
    }

    /** The violations of {@code condition}, empty when it is valid. */
    public static List<Violation> validate(Condition condition, Set<String> attributes) {
        try {
            compile(condition, attributes);
            return List.of();
        } catch (InvalidConditionException e) {
            return e.violations();
        }
    }

    /** Every attribute a condition names (to allow a family of names such as {@code attributes.*}). */
    public static Set<String> attributes(Condition condition) {
        Set<String> into = new java.util.LinkedHashSet<>();
        collect(condition, into);
        return into;
    }

    private static void collect(Condition c, Set<String> into) {
        switch (c) {
            case null -> { }
            case Condition.Equals e -> into.add(e.attribute());
            case Condition.In i -> into.add(i.attribute());
            case Condition.Range r -> into.add(r.attribute());
            case Condition.Matches m -> into.add(m.attribute());
            case Condition.Glob g -> into.add(g.attribute());
            case Condition.Present p -> into.add(p.attribute());
            case Condition.Missing m -> into.add(m.attribute());
            case Condition.All a -> { if (a.of() != null) a.of().forEach(x -> collect(x, into)); }
            case Condition.Any a -> { if (a.of() != null) a.of().forEach(x -> collect(x, into)); }
            case Condition.Not n -> collect(n.of(), into);
        }
    }

    private static final class Compiler {

        final Set<String> attributes;
        final List<Violation> violations = new ArrayList<>();
        int nodes;

        Compiler(Set<String> attributes) {
            this.attributes = attributes;
        }

        Predicate<Facts> compile(Condition c, String path, int depth) {
            if (++nodes > MAX_NODES) {
                if (nodes == MAX_NODES + 1) {
                    fail(path, "more than " + MAX_NODES + " conditions");
                }
                return f -> false;
            }
            if (depth > MAX_DEPTH) {
                fail(path, "nested deeper than " + MAX_DEPTH);
                return f -> false;
            }
            if (c == null) {
                fail(path, "missing condition");
                return f -> false;
            }
            return switch (c) {
                case Equals e -> equalsTo(e, path);
                case In in -> in(in, path);
                case Range r -> range(r, path);
                case Matches m -> regex(m, path);
                case Glob g -> glob(g, path);
                case Present p -> {
                    String a = attribute(p.attribute(), path + ".present");
                    yield f -> !blank(f.get(a));
                }
                case Missing m -> {
                    String a = attribute(m.attribute(), path + ".missing");
                    yield f -> blank(f.get(a));
                }
                case All all -> {
                    List<Predicate<Facts>> parts = children(all.of(), path + ".all", depth);
                    yield f -> {
                        for (Predicate<Facts> p : parts) {
                            if (!p.test(f)) {
                                return false;
                            }
                        }
                        return true;
                    };
                }
                case Any any -> {
                    List<Predicate<Facts>> parts = children(any.of(), path + ".any", depth);
                    yield f -> {
                        for (Predicate<Facts> p : parts) {
                            if (p.test(f)) {
                                return true;
                            }
                        }
                        return false;
                    };
                }
                case Not not -> compile(not.of(), path + ".not", depth + 1).negate();
            };
        }

        List<Predicate<Facts>> children(List<Condition> of, String path, int depth) {
            if (of == null || of.isEmpty()) {
                fail(path, "needs at least one condition");
                return List.of();
            }
            List<Predicate<Facts>> parts = new ArrayList<>(of.size());
            for (int i = 0; i < of.size(); i++) {
                parts.add(compile(of.get(i), path + "[" + i + "]", depth + 1));
            }
            return List.copyOf(parts);
        }

        Predicate<Facts> equalsTo(Equals e, String path) {
            String a = attribute(e.attribute(), path + ".equals");
            if (!scalar(e.value())) {
                fail(path + ".equals", "value must be text, a number or true/false");
                return f -> false;
            }
            boolean ignoreCase = e.ignoreCase() == null || e.ignoreCase();
            Object expected = e.value();
            if (expected instanceof Number n) {
                BigDecimal number = new BigDecimal(n.toString());
                return f -> {
                    BigDecimal actual = number(f.get(a));
                    return actual != null && actual.compareTo(number) == 0;
                };
            }
            String text = normalise(expected, ignoreCase);
            return f -> {
                Object actual = f.get(a);
                return actual != null && text.equals(normalise(actual, ignoreCase));
            };
        }

        Predicate<Facts> in(In in, String path) {
            String a = attribute(in.attribute(), path + ".in");
            if (in.values() == null || in.values().isEmpty()) {
                fail(path + ".in", "values must list at least one value");
                return f -> false;
            }
            if (in.values().size() > MAX_VALUES) {
                fail(path + ".in", "more than " + MAX_VALUES + " values");
                return f -> false;
            }
            boolean ignoreCase = in.ignoreCase() == null || in.ignoreCase();
            Set<String> texts = new HashSet<>();
            for (int i = 0; i < in.values().size(); i++) {
                Object v = in.values().get(i);
                if (!scalar(v)) {
                    fail(path + ".in.values[" + i + "]", "must be text, a number or true/false");
                } else {
                    texts.add(v instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString()
                            : normalise(v, ignoreCase));
                }
            }
            return f -> {
                Object actual = f.get(a);
                if (actual == null) {
                    return false;
                }
                if (actual instanceof Number n) {
                    return texts.contains(new BigDecimal(n.toString()).stripTrailingZeros().toPlainString());
                }
                return texts.contains(normalise(actual, ignoreCase));
            };
        }

        Predicate<Facts> range(Range r, String path) {
            String a = attribute(r.attribute(), path + ".range");
            if (r.min() == null && r.max() == null) {
                fail(path + ".range", "needs min, max or both");
            } else if (r.min() != null && r.max() != null && r.min().compareTo(r.max()) > 0) {
                fail(path + ".range", "min " + r.min() + " is greater than max " + r.max());
            }
            BigDecimal min = r.min();
            BigDecimal max = r.max();
            return f -> {
                BigDecimal actual = number(f.get(a));
                return actual != null && (min == null || actual.compareTo(min) >= 0)
                        && (max == null || actual.compareTo(max) <= 0);
            };
        }

        Predicate<Facts> regex(Matches m, String path) {
            String a = attribute(m.attribute(), path + ".regex");
            Pattern pattern = pattern(m.regex(), path + ".regex", false);
            return pattern == null ? f -> false : f -> {
                Object actual = f.get(a);
                return actual != null && pattern.matcher(actual.toString()).find();
            };
        }

        Predicate<Facts> glob(Glob g, String path) {
            String a = attribute(g.attribute(), path + ".glob");
            Pattern pattern = pattern(g.pattern(), path + ".glob", true);
            return pattern == null ? f -> false : f -> {
                Object actual = f.get(a);
                return actual != null && pattern.matcher(actual.toString()).matches();
            };
        }

        Pattern pattern(String source, String path, boolean glob) {
            if (source == null || source.isEmpty()) {
                fail(path, (glob ? "pattern" : "regex") + " is required");
                return null;
            }
            if (source.length() > MAX_PATTERN_LENGTH) {
                fail(path, (glob ? "pattern" : "regex") + " longer than " + MAX_PATTERN_LENGTH + " characters");
                return null;
            }
            if (glob) {
                return Pattern.compile(globToRegex(source), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
            }
            try {
                return Pattern.compile(source);
            } catch (PatternSyntaxException e) {
                fail(path, "invalid regex: " + e.getDescription() + " near index " + e.getIndex());
                return null;
            }
        }

        String attribute(String name, String path) {
            if (name == null || name.isBlank()) {
                fail(path, "attribute is required");
            } else if (attributes != null && !attributes.contains(name)) {
                fail(path, "unknown attribute '" + name + "'; known: " + String.join(", ", new java.util.TreeSet<>(attributes)));
            }
            return name;
        }

        void fail(String path, String message) {
            violations.add(new Violation(path, message));
        }
    }

    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            if (ch == '*' || ch == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(ch == '*' ? ".*" : ".");
            } else {
                literal.append(ch);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }

    private static boolean scalar(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    private static boolean blank(Object v) {
        return v == null || (v instanceof CharSequence s && s.toString().isBlank());
    }

    private static String normalise(Object v, boolean ignoreCase) {
        String s = v.toString().strip();
        return ignoreCase ? s.toLowerCase(Locale.ROOT) : s;
    }

    private static BigDecimal number(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal b) {
            return b;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        String s = v.toString().strip();
        if (s.isEmpty() || s.length() > 40) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
