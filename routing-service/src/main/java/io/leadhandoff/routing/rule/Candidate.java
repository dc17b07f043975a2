package io.leadhandoff.routing.rule;

import io.leadhandoff.routing.roster.WorkingHours;
import java.time.Instant;
import java.util.Set;

/**
 * A rep as a routing decision sees it at one instant: who, what they cover, how much they may
 * take, whether they work now, and how much they already have.
 *
 * @param absentUntil the end of the absence the rep is in now, or null
 * @param givenToday  leads given to the rep since the start of the rep's day
 * @param open        the rep's open assignments
 * @param credit      the rep's running credit in its pool (smooth weighted round robin)
 */
public record Candidate(String login, String team, boolean departed, String seniority, Set<String> languages,
        Set<String> productLines, Set<String> territories, int weight, Integer dailyCapacity, Integer openCap,
        WorkingHours hours, Instant absentUntil, int givenToday, int open, double credit) {

    /** Why the rep cannot take a lead now (as far as the rep alone decides), or null. */
    String unavailable(Instant now) {
        if (departed) {
            return "departed";
        }
        if (absentUntil != null) {
            return "out of office until " + absentUntil;
        }
        if (dailyCapacity != null && givenToday >= dailyCapacity) {
            return "daily capacity reached (" + givenToday + " of " + dailyCapacity + " today)";
        }
        if (openCap != null && open >= openCap) {
            return "open-lead cap reached (" + open + " of " + openCap + " open)";
        }
        return null;
    }

    boolean worksAt(Instant now) {
        return hours == null || hours.isWorking(now);
    }
}
