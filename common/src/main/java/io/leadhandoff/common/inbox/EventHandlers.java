package io.leadhandoff.common.inbox;

import java.util.function.Consumer;

/**
 * A service's reactions to events, registered by type: implement it in a feature package as an
 * {@code @ApplicationScoped} bean and the inbox dispatches every event of the service's queue to
 * the handlers of its type, in the stream's order, inside the transaction that records the event
 * as processed. Handlers must be registered for exactly the types the event registry lists the
 * service as consuming (checked at start).
 */
public interface EventHandlers {

    void register(Registrations on);

    /** Collects handlers; {@code on.event(LeadQualified.class, e -> ...)}. */
    interface Registrations {
        <T extends Record> Registrations event(Class<T> dataClass, Consumer<InboundEvent<T>> handler);
    }
}
