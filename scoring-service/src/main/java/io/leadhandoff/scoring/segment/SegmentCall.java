package io.leadhandoff.scoring.segment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A call of Segment's HTTP tracking API as pipelines send it: {@code identify}, {@code track} or
 * {@code page}, alone or many in {@code batch}. Only what scoring needs is read; other fields are
 * ignored, as Segment's own endpoints do.
 */
public record SegmentCall(
        @Size(max = 50) String type,
        // keys a touch as "segment:" + messageId, at most 200 characters
        @Size(max = 190) String messageId,
        @Size(max = 300) String userId,
        @Size(max = 300) String anonymousId,
        @Size(max = 200) String event,
        @Size(max = 300) String name,
        Map<String, Object> traits,
        Map<String, Object> properties,
        Map<String, Object> context,
        Instant timestamp,
        @Size(max = 1000) List<@Valid SegmentCall> batch) {
}
