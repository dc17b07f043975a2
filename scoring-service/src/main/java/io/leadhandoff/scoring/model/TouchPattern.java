package io.leadhandoff.scoring.model;

import io.leadhandoff.common.condition.Facts;
import io.leadhandoff.scoring.activity.Activity;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A behaviour rule's touch pattern (event type, URL glob or regex). A campaign sends thousands of
 * touches to a handful of URLs, and every scoring tests every touch in the window against every
 * pattern: the answer per distinct type and URL is remembered instead of running the regex again.
 */
final class TouchPattern {

    /** Distinct (type, URL) answers kept per pattern; past this the memory starts over. */
    static final int MEMO_LIMIT = 20_000;

    private final Predicate<Facts> pattern;
    private final Map<String, Boolean> memo = new ConcurrentHashMap<>();

    TouchPattern(Predicate<Facts> pattern) {
        this.pattern = pattern;
    }

    boolean test(Activity a) {
        String key = a.type + '\n' + a.url;
        Boolean known = memo.get(key);
        if (known != null) {
            return known;
        }
        boolean matches = pattern.test(name -> switch (name) {
            case "type" -> a.type;
            case "url" -> a.url;
            default -> null;
        });
        if (memo.size() >= MEMO_LIMIT) {
            memo.clear();
        }
        memo.put(key, matches);
        return matches;
    }
}
