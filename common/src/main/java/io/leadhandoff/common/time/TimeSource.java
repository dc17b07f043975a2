package io.leadhandoff.common.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.InstantSource;

/**
 * The one source of "now" for every service: inject {@link InstantSource} instead of calling
 * {@code Instant.now()}, so that tests move time (test-support's {@code TestClock} replaces this
 * bean) and rules take an explicit "as of" instant.
 */
@ApplicationScoped
public class TimeSource {

    @Produces
    @Singleton
    @DefaultBean
    InstantSource system() {
        return InstantSource.system();
    }
}
