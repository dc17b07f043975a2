package io.leadhandoff.testing;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The services' time in tests: the system clock plus an offset that a test moves forward, instead
 * of sleeping until a deadline passes. Replaces common's default {@link InstantSource} whenever
 * test-support is on the classpath; call {@link #reset()} after a test that moved it.
 */
@Singleton
public class TestClock implements InstantSource {

    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    /** Moves time forward (or back, with a negative duration) for every service bean at once. */
    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }
}
