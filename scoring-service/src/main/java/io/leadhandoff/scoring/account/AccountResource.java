package io.leadhandoff.scoring.account;

import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.security.Roles;
import io.leadhandoff.common.validation.Normalised;
import io.leadhandoff.scoring.activity.Activity;
import io.leadhandoff.scoring.lead.Lead;
import io.leadhandoff.scoring.lead.LeadScoring;
import io.leadhandoff.scoring.model.CompiledModel;
import io.leadhandoff.scoring.model.Scorer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** An account (a company domain) with its contacts and their scores as of now: several quiet contacts can add up. */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.MARKETING, Roles.REVOPS_ADMIN, Roles.INTEGRATION })
public class AccountResource {

    /** Contacts shown and summed at most. */
    static final int MAX_CONTACTS = 500;

    private final LeadScoring scoring;
    private final InstantSource clock;

    public AccountResource(LeadScoring scoring, InstantSource clock) {
        this.scoring = scoring;
        this.clock = clock;
    }

    public record Contact(UUID id, String email, String name, String jobTitle, LifecycleStage stage, int fit, int intent,
            int total, String fitTier) {
    }

    /** {@code score}: the decayed intent of all its contacts, as of {@code asOf}. */
    public record Account(String domain, int contacts, int score, Instant asOf, List<Contact> people) {
    }

    @GET
    @Path("{domain}")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "An account by company domain: its contacts and their scores as of now, and the account score"
            + " (the decayed intent of all its contacts)")
    public Account get(@PathParam("domain") String domain) {
        String d = Normalised.of(domain);
        List<Lead> leads = Lead.<Lead>find("accountDomain = ?1 order by intentScore desc, id", d).page(0, MAX_CONTACTS).list();
        if (leads.isEmpty()) {
            throw ProblemException.notFound("No account " + d + " (no lead with that company or e-mail domain)");
        }
        Instant now = clock.instant();
        CompiledModel model = scoring.activeModel();
        Map<UUID, List<Activity>> activity = Activity.ofLeadsSince(leads.stream().map(l -> l.id).toList(),
                now.minus(Scorer.HORIZON)).stream().collect(Collectors.groupingBy(a -> a.leadId));
        List<Contact> people = leads.stream().map(l -> {
            Scorer.Score s = Scorer.score(model, l, activity.getOrDefault(l.id, List.of()), now);
            String name = l.firstName == null ? l.lastName : l.lastName == null ? l.firstName : l.firstName + " " + l.lastName;
            return new Contact(l.id, l.email, name, l.jobTitle, l.lifecycleStage, s.fit(), s.intent(), s.total(), s.fitTier());
        }).toList();
        return new Account(d, people.size(), people.stream().mapToInt(Contact::intent).sum(), now, people);
    }
}
