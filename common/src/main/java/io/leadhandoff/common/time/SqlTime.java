package io.leadhandoff.common.time;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reads a timestamp column of a native query (the JDBC driver and Hibernate give one of several types). */
public final class SqlTime {

    private SqlTime() {
    }

    /** The instant of a {@code timestamptz} value; null for SQL null. */
    public static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalArgumentException("Not a timestamp: " + value.getClass().getName());
    }
}
