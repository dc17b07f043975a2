package io.leadhandoff.sla.clock;

import io.leadhandoff.common.event.FirstTouchLogged;
import io.leadhandoff.common.event.LeadAccepted;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadMerged;
import io.leadhandoff.common.event.LeadOutcomeRecorded;
import io.leadhandoff.common.event.LeadPutOnHold;
import io.leadhandoff.common.event.LeadQueued;
import io.leadhandoff.common.event.LeadReassigned;
import io.leadhandoff.common.event.LeadRejected;
import io.leadhandoff.common.event.LeadSalesQualified;
import io.leadhandoff.common.event.LeadTakenOffHold;
import io.leadhandoff.common.inbox.EventHandlers;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every event about an assignment goes to its clocks under the names policies use (the record's
 * simple name): the policy says which start, meet, stop, pause or resume which clock. A
 * reassignment moves the clocks to the new owner.
 */
@ApplicationScoped
public class ClockEvents implements EventHandlers {

    private final ClockService clocks;

    public ClockEvents(ClockService clocks) {
        this.clocks = clocks;
    }

    @Override
    public void register(Registrations on) {
        on.event(LeadAssigned.class, e -> clocks.assigned(e.data()))
                .event(LeadQueued.class, e -> clocks.queued(e.data()))
                .event(LeadReassigned.class, e -> clocks.reassigned(e.data()))
                .event(LeadMerged.class, e -> clocks.merged(e.data().mergedId(), e.data().mergedAt()))
                .event(FirstTouchLogged.class, e -> clocks.on("FirstTouchLogged", e.data().assignmentId(),
                        e.data().touchedAt()))
                .event(LeadAccepted.class, e -> clocks.on("LeadAccepted", e.data().assignmentId(), e.data().acceptedAt()))
                .event(LeadRejected.class, e -> clocks.on("LeadRejected", e.data().assignmentId(), e.data().rejectedAt()))
                .event(LeadSalesQualified.class, e -> clocks.on("LeadSalesQualified", e.data().assignmentId(),
                        e.data().qualifiedAt()))
                .event(LeadOutcomeRecorded.class, e -> clocks.on("LeadOutcomeRecorded", e.data().assignmentId(),
                        e.data().recordedAt()))
                .event(LeadPutOnHold.class, e -> clocks.on("LeadPutOnHold", e.data().assignmentId(), e.data().heldAt()))
                .event(LeadTakenOffHold.class, e -> clocks.on("LeadTakenOffHold", e.data().assignmentId(),
                        e.data().resumedAt()));
    }
}
