package io.leadhandoff.routing.roster;

import io.leadhandoff.common.error.Problem;
import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.event.RepChanged;
import io.leadhandoff.common.event.TeamChanged;
import io.leadhandoff.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Teams, reps and absences. An admin writes everything; a manager writes the reps (and their
 * absences) of the teams they manage, and may move a rep only between those. Every change is
 * audited; a rep who departs hands their open assignments back to routing at once.
 */
@ApplicationScoped
@Transactional
public class RosterService {

    /** Who asks: their login, and whether they may write the whole roster. */
    public record Caller(String login, boolean admin) {
    }

    private final RosterAudit audit;
    private final Outbox outbox;
    private final InstantSource clock;
    private final Event<RepDeparted> departures;

    public RosterService(RosterAudit audit, Outbox outbox, InstantSource clock, Event<RepDeparted> departures) {
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.departures = departures;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TeamView> teams() {
        return Team.<Team>list("order by name").stream().map(t -> TeamView.of(t, Rep.<Rep>list("team = ?1 order by login", t)
                .stream().map(r -> r.login).toList())).toList();
    }

    public TeamView putTeam(String name, TeamRequest request, Caller caller) {
        if (!caller.admin()) {
            throw ProblemException.forbidden("Only revops-admin creates or changes teams");
        }
        Team team = Team.<Team>find("name", name).firstResultOptional().orElse(null);
        TeamView before = team == null ? null : TeamView.of(team, List.of());
        if (team == null) {
            team = new Team();
            team.id = UUID.randomUUID();
            team.name = name;
        }
        boolean managerChanged = !Objects.equals(team.managerLogin, request.managerLogin())
                || !Objects.equals(team.managerEmail, request.managerEmail());
        team.managerLogin = request.managerLogin();
        team.managerEmail = request.managerEmail();
        team.webhookUrl = request.webhookUrl();
        team.outsideHours = request.outsideHours() == null ? Team.OutsideHours.SKIP : request.outsideHours();
        team.persist();
        TeamView after = TeamView.of(team, List.of());
        audit.record(RosterAudit.Kind.TEAM, name, caller.login(), before, after);
        if (managerChanged) {
            // the services that scope reads by team learn who manages it now
            outbox.publish(team.id.toString(), new TeamChanged(team.id, team.name, team.managerLogin, team.managerEmail,
                    clock.instant()));
        }
        return after;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RepView> reps(String team) {
        List<Rep> reps = team == null ? Rep.list("order by login") : Rep.list("team.name = ?1 order by login", team);
        return reps.stream().map(r -> RepView.of(r, absences(r))).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RepView rep(String login) {
        Rep r = find(login);
        return RepView.of(r, absences(r));
    }

    /** Creates or replaces a rep. */
    public RepView putRep(String login, RepRequest request, Caller caller) {
        Team team = Team.<Team>find("name", request.team()).firstResultOptional().orElseThrow(() -> ProblemException
                .unprocessable("No team named '" + request.team() + "'", List.of(new Problem.Violation("team",
                        "no team named '" + request.team() + "'"))));
        Rep rep = Rep.<Rep>find("login", login).firstResultOptional().orElse(null);
        mayWrite(caller, team);
        if (rep != null) {
            mayWrite(caller, rep.team);
        }
        if (request.workingHours() != null && request.workingHours().problem() != null) {
            throw ProblemException.unprocessable("workingHours: " + request.workingHours().problem(),
                    List.of(new Problem.Violation("workingHours", request.workingHours().problem())));
        }
        RepView before = rep == null ? null : RepView.of(rep, List.of());
        boolean departs = rep != null && !rep.departed() && request.status() == Rep.Status.DEPARTED;
        if (rep == null) {
            rep = new Rep();
            rep.id = UUID.randomUUID();
            rep.login = login;
        }
        rep.displayName = request.displayName();
        rep.email = request.email();
        rep.team = team;
        rep.status = request.status() == null ? Rep.Status.ACTIVE : request.status();
        rep.seniority = request.seniority() == null ? "SDR" : request.seniority();
        rep.languages = request.languages() == null ? new ArrayList<>() : new ArrayList<>(request.languages());
        rep.productLines = request.productLines() == null ? new ArrayList<>() : new ArrayList<>(request.productLines());
        rep.territories = request.territories() == null ? new ArrayList<>() : new ArrayList<>(request.territories());
        rep.weight = request.weight() == null ? 1 : request.weight();
        rep.dailyCapacity = request.dailyCapacity();
        rep.openCap = request.openCap();
        rep.workingHours = request.workingHours();
        rep.webhookUrl = request.webhookUrl();
        rep.persist();
        RepView after = RepView.of(rep, List.of());
        audit.record(RosterAudit.Kind.REP, login, caller.login(), before, after);
        outbox.publish(login, new RepChanged(login, team.name, rep.status.name(), rep.weight, clock.instant()));
        if (departs) {
            departures.fire(new RepDeparted(login, caller.login()));
        }
        return RepView.of(rep, absences(rep));
    }

    public RepView.Absence addAbsence(String login, AbsenceRequest request, Caller caller) {
        Rep rep = find(login);
        mayWrite(caller, rep.team);
        if (!request.endsAt().isAfter(request.startsAt())) {
            throw ProblemException.unprocessable("endsAt must be after startsAt",
                    List.of(new Problem.Violation("endsAt", "must be after startsAt")));
        }
        RepAbsence a = new RepAbsence();
        a.id = UUID.randomUUID();
        a.repId = rep.id;
        a.startsAt = request.startsAt();
        a.endsAt = request.endsAt();
        a.note = request.note();
        a.persist();
        RepView.Absence view = new RepView.Absence(a.id, a.startsAt, a.endsAt, a.note);
        audit.record(RosterAudit.Kind.ABSENCE, login, caller.login(), null, view);
        return view;
    }

    public void removeAbsence(String login, UUID id, Caller caller) {
        Rep rep = find(login);
        mayWrite(caller, rep.team);
        RepAbsence a = RepAbsence.<RepAbsence>find("id = ?1 and repId = ?2", id, rep.id).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("No absence " + id + " for " + login));
        audit.record(RosterAudit.Kind.ABSENCE, login, caller.login(), new RepView.Absence(a.id, a.startsAt, a.endsAt, a.note),
                null);
        a.delete();
    }

    private static Rep find(String login) {
        return Rep.<Rep>find("login", login).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("No rep with login " + login));
    }

    private static List<RepAbsence> absences(Rep rep) {
        return RepAbsence.list("repId = ?1 order by startsAt", rep.id);
    }

    private static void mayWrite(Caller caller, Team team) {
        if (!caller.admin() && !caller.login().equals(team.managerLogin)) {
            throw ProblemException.forbidden("Team " + team.name + " is not yours: a manager changes the reps of their own teams");
        }
    }
}
