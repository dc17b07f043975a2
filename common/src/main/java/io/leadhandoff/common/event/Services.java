package io.leadhandoff.common.event;

/** Service names: the CloudEvents {@code source} of what a service publishes and the queue name of what it consumes. */
public final class Services {
    public static final String SCORING = "scoring-service";
    public static final String ROUTING = "routing-service";
    public static final String SLA = "sla-service";
    public static final String REPORTING = "reporting-service";

    private Services() {
    }
}
