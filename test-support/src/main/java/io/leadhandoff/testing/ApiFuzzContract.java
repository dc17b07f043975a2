package io.leadhandoff.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.security.Roles;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the service under test answers hostile input with a 4xx problem, never a 500
 * or a bare error: extend it in a {@code @QuarkusTest} of the service (see {@link OpenApiFuzz}).
 * Bounded: at most {@link #BUDGET} per service.
 */
public abstract class ApiFuzzContract {

    static final Duration BUDGET = Duration.ofSeconds(90);

    @Test
    void everyEndpointAnswersHostileInputWithAProblem() {
        OpenApiFuzz fuzz = OpenApiFuzz.run(Tokens.of("fuzz", Roles.MARKETING, Roles.SALES_REP, Roles.SALES_MANAGER,
                Roles.REVOPS_ADMIN, Roles.INTEGRATION), BUDGET);
        System.out.println("OpenAPI fuzz: " + fuzz.requests() + " hostile requests, " + fuzz.findings().size() + " findings");
        assertTrue(fuzz.requests() >= 50, "the OpenAPI document listed too little to fuzz: " + fuzz.requests());
        assertTrue(fuzz.findings().isEmpty(), fuzz.findings().size() + " of " + fuzz.requests()
                + " hostile requests were not answered with a 4xx problem:\n"
                + fuzz.findings().stream().map(Object::toString).collect(Collectors.joining("\n")));
    }
}
