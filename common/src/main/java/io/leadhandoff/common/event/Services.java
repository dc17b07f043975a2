package io.leadhandoff.common.event;

import java.util.List;

/**
 * Service names: the CloudEvents {@code source} of what a service publishes, its
 * {@code quarkus.application.name}, and the name of its queue on the event stream.
 */
public final class Services {
    public static final String SCORING = "scoring-service";
    public static final String ROUTING = "routing-service";
    public static final String SLA = "sla-service";
    public static final String REPORTING = "reporting-service";

    public static final List<String> ALL = List.of(SCORING, ROUTING, SLA, REPORTING);

    private Services() {
    }
}
