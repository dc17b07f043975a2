package io.leadhandoff.sla.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadhandoff.common.timer.Timers;
import io.leadhandoff.testing.InfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A timer fires when it comes due, not at the runner's next poll: with polls an hour apart, a
 * timer scheduled a second and a half ahead still fires within seconds (the runner sets an alarm
 * for the next due time after each run).
 */
@QuarkusTest
@TestProfile(TimerAlarmTest.HourlyPolls.class)
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class TimerAlarmTest {

    public static class HourlyPolls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("handoff.timers.poll-interval", "1h");
        }
    }

    @Inject
    Timers timers;

    @Inject
    EntityManager em;

    @Inject
    InstantSource clock;

    @Test
    void aTimerDueBeforeTheNextPollFiresWhenDue() {
        RecordingTimerHandler.createTable(em);
        String key = UUID.randomUUID() + "/soon";
        Instant due = clock.instant().plus(Duration.ofMillis(1500));
        QuarkusTransaction.requiringNew().run(() -> timers.schedule(RecordingTimerHandler.KIND, key, due, "soon"));
        assertEquals(0, RecordingTimerHandler.effects(em, key), "not before it is due");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> RecordingTimerHandler.effects(em, key) == 1);
    }
}
