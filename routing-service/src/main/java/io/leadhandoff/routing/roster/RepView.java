package io.leadhandoff.routing.roster;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record RepView(String login, String displayName, String email, String team, Rep.Status status, String seniority,
        List<String> languages, List<String> productLines, List<String> territories, int weight, Integer dailyCapacity,
        Integer openCap, WorkingHours workingHours, String webhookUrl, List<Absence> absences) {

    public record Absence(UUID id, Instant startsAt, Instant endsAt, String note) {
    }

    static RepView of(Rep r, List<RepAbsence> absences) {
        return new RepView(r.login, r.displayName, r.email, r.team.name, r.status, r.seniority, List.copyOf(r.languages),
                List.copyOf(r.productLines), List.copyOf(r.territories), r.weight, r.dailyCapacity, r.openCap,
                r.workingHours, r.webhookUrl, absences.stream()
                        .map(a -> new Absence(a.id, a.startsAt, a.endsAt, a.note)).toList());
    }
}
