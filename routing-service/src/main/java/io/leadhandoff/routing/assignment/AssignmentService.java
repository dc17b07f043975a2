package io.leadhandoff.routing.assignment;

import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadQualified;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.outbox.Outbox;
import io.leadhandoff.routing.RoutingConfig;
import io.leadhandoff.routing.roster.Rep;
import io.leadhandoff.routing.roster.Team;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

@ApplicationScoped
@Transactional
public class AssignmentService {

    private static final Logger LOG = Logger.getLogger(AssignmentService.class);

    private final Outbox outbox;
    private final RoutingConfig config;

    public AssignmentService(Outbox outbox, RoutingConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** Gives a qualified lead an owner by round robin among the team's active reps. */
    public Assignment assign(LeadQualified lead) {
        Optional<Assignment> existing = Assignment.find("leadId", lead.leadId()).firstResultOptional();
        if (existing.isPresent()) {
            // requalified or re-sent under a new event id: the lead keeps its owner
            return existing.get();
        }
        Assignment a = new Assignment();
        a.id = UUID.randomUUID();
        a.leadId = lead.leadId();
        a.priority = lead.priority();
        a.leadContext = context(lead);
        a.assignedAt = Instant.now();
        Optional<Team> team = Team.<Team>find("order by name").withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        List<Rep> reps = team.map(Rep::activeIn).orElse(List.of());
        if (reps.isEmpty()) {
            LOG.warnf("No eligible rep for lead %s: fallback queue", lead.leadId());
            a.status = Assignment.Status.FALLBACK_QUEUE;
            team.ifPresent(t -> a.managerLogin = t.managerLogin);
            a.persist();
            return a;
        }
        Team t = team.get();
        Rep owner = reps.get((int) (t.rrCursor % reps.size()));
        t.rrCursor++;
        a.status = Assignment.Status.ASSIGNED;
        a.ownerLogin = owner.login;
        a.managerLogin = t.managerLogin;
        a.teamName = t.name;
        a.dueAt = a.assignedAt.plus(lead.priority() == Priority.HOT ? config.taskDue().hot() : config.taskDue().other());
        a.persist();
        outbox.publish(lead.leadId().toString(), new LeadAssigned(a.leadId, a.id, a.ownerLogin, a.managerLogin,
                a.teamName, a.priority, a.assignedAt, a.dueAt));
        return a;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AssignmentView> search(UUID leadId, String managerLogin) {
        Stream<Assignment> all = leadId == null ? Assignment.<Assignment>find("order by assignedAt desc").page(0, 200).stream()
                : Assignment.<Assignment>find("leadId", leadId).stream();
        return all.filter(a -> managerLogin == null || managerLogin.equals(a.managerLogin)).map(AssignmentView::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AssignmentView> ownedBy(String login) {
        return Assignment.<Assignment>find("ownerLogin = ?1 order by assignedAt desc", login).page(0, 200)
                .stream().map(AssignmentView::of).toList();
    }

    /** One assignment, if the caller may read it: its owner, its team's manager, or anyone with {@code readsAll}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AssignmentView get(UUID id, String caller, boolean readsAll) {
        Assignment a = Assignment.<Assignment>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No assignment " + id));
        if (!readsAll && !caller.equals(a.ownerLogin) && !caller.equals(a.managerLogin)) {
            throw ProblemException.forbidden("Assignment " + id + " belongs to another rep");
        }
        return AssignmentView.of(a);
    }

    private static LeadContext context(LeadQualified l) {
        String name = Stream.of(l.firstName(), l.lastName()).filter(s -> s != null && !s.isBlank())
                .reduce((x, y) -> x + " " + y).orElse(null);
        return new LeadContext(l.email(), name, l.jobTitle(), l.companyName(), l.country(), l.source(), l.campaign(),
                l.fitScore(), l.intentScore(), l.totalScore(), l.reason(),
                l.breakdown().stream().map(b -> (b.points() > 0 ? "+" : "") + b.points() + " " + b.detail()).toList(),
                l.lastTouches().stream().map(t -> new LeadContext.Touch(t.type(), t.url(), t.occurredAt(), t.properties()))
                        .toList());
    }
}
