package io.leadhandoff.routing.roster;

import java.util.List;

public record TeamView(String name, String managerLogin, String managerEmail, String webhookUrl,
        Team.OutsideHours outsideHours, List<String> reps) {

    static TeamView of(Team t, List<String> reps) {
        return new TeamView(t.name, t.managerLogin, t.managerEmail, t.webhookUrl, t.outsideHours, reps);
    }
}
