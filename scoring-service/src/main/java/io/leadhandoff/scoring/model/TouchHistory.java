package io.leadhandoff.scoring.model;

import io.leadhandoff.scoring.activity.Activity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a model's behaviour rules see of a lead's touches: for each touch pattern, the times of the
 * touches matching it (newest first), and the newest fast-track touch. Kept with the lead (as bytes),
 * so that scoring a batch of new touches costs in proportion to the batch, not to the lead's
 * history: the new touches are added, those no rule can count any more are dropped.
 * <p>
 * A pattern keeps the touches inside its rule's horizon (the window of a counting rule, the
 * model's look-back for a rule pairing several patterns), at most {@value #MAX_PER_PATTERN}, the
 * newest: a lead touching one page more often than that inside a window earns no more for it.
 * Built from stored activity or kept incrementally, it holds the same touches either way.
 */
public final class TouchHistory {

    public static final int MAX_PER_PATTERN = 1_000;

    private static final byte FORMAT = 1;
    private static final Comparator<Seen> NEWEST_FIRST = Comparator.comparing(Seen::at).reversed();

    /** A touch as the rules see it: when, and its event id when known (it is not kept with the lead). */
    public record Seen(Instant at, String eventId) {
    }

    private final int version;
    /** By the model's pattern index ({@link CompiledModel#patterns()}), newest first. */
    private final List<List<Seen>> byPattern;
    /** The newest touch of a fast-track type, or null. */
    private final Activity fastTrack;

    private TouchHistory(int version, List<List<Seen>> byPattern, Activity fastTrack) {
        this.version = version;
        this.byPattern = byPattern;
        this.fastTrack = fastTrack;
    }

    /** From touches (any order), as of {@code asOf}. */
    public static TouchHistory of(CompiledModel model, Collection<Activity> touches, Instant asOf) {
        List<List<Seen>> empty = new ArrayList<>();
        model.patterns().forEach(p -> empty.add(List.of()));
        return new TouchHistory(model.version(), empty, null).with(model, touches, asOf);
    }

    /** This history with more touches, as of {@code asOf}: what no rule can count any more is dropped. */
    public TouchHistory with(CompiledModel model, Collection<Activity> added, Instant asOf) {
        List<CompiledModel.Pattern> patterns = model.patterns();
        List<List<Seen>> next = new ArrayList<>(patterns.size());
        for (int i = 0; i < patterns.size(); i++) {
            CompiledModel.Pattern p = patterns.get(i);
            Instant since = asOf.minus(p.horizon());
            List<Seen> kept = new ArrayList<>(byPattern.get(i).size() + 4);
            for (Seen s : byPattern.get(i)) {
                if (!s.at().isBefore(since)) {
                    kept.add(s);
                }
            }
            for (Activity a : added) {
                if (!a.occurredAt.isBefore(since) && p.touch().test(a)) {
                    kept.add(new Seen(a.occurredAt, a.eventId));
                }
            }
            kept.sort(NEWEST_FIRST);
            next.add(kept.size() > MAX_PER_PATTERN ? List.copyOf(kept.subList(0, MAX_PER_PATTERN)) : kept);
        }
        Activity fast = fastTrack;
        for (Activity a : added) {
            if (model.policy().fastTrack().contains(a.type) && (fast == null || a.occurredAt.isAfter(fast.occurredAt))) {
                fast = a;
            }
        }
        if (fast != null && fast.occurredAt.isBefore(asOf.minus(model.lookback()))) {
            fast = null;
        }
        return new TouchHistory(version, next, fast);
    }

    /** Only the touches after {@code after}: what a recycled lead earned since sales sent it back. */
    public TouchHistory since(Instant after) {
        List<List<Seen>> kept = new ArrayList<>(byPattern.size());
        for (List<Seen> seen : byPattern) {
            kept.add(seen.stream().filter(s -> s.at().isAfter(after)).toList());
        }
        return new TouchHistory(version, kept, fastTrack != null && fastTrack.occurredAt.isAfter(after) ? fastTrack : null);
    }

    /** The touches matching pattern {@code index} of the model, newest first. */
    List<Seen> matching(int index) {
        return byPattern.get(index);
    }

    /** The newest fast-track touch within the model's look-back of {@code asOf}. */
    Optional<Activity> fastTrack(CompiledModel model, Instant asOf) {
        return fastTrack == null || fastTrack.occurredAt.isBefore(asOf.minus(model.lookback())) ? Optional.empty()
                : Optional.of(fastTrack);
    }

    /**
     * Compact bytes (a lead's history is rewritten with every batch that touches it, so it stays
     * small and quick to read): format, model version, per pattern the count and times (epoch
     * microseconds), then the fast-track touch if any.
     */
    public byte[] toBytes() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(64);
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(version);
            out.writeInt(byPattern.size());
            for (List<Seen> seen : byPattern) {
                out.writeInt(seen.size());
                for (Seen s : seen) {
                    out.writeLong(micros(s.at()));
                }
            }
            out.writeBoolean(fastTrack != null);
            if (fastTrack != null) {
                out.writeLong(micros(fastTrack.occurredAt));
                out.writeUTF(fastTrack.type);
                out.writeBoolean(fastTrack.url != null);
                if (fastTrack.url != null) {
                    out.writeUTF(fastTrack.url);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The history kept with a lead, if there is one for this model version (else it is rebuilt from the activity). */
    public static Optional<TouchHistory> fromBytes(byte[] kept, CompiledModel model) {
        if (kept == null) {
            return Optional.empty();
        }
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(kept))) {
            if (in.readByte() != FORMAT || in.readInt() != model.version() || in.readInt() != model.patterns().size()) {
                return Optional.empty();
            }
            List<List<Seen>> byPattern = new ArrayList<>(model.patterns().size());
            for (int p = 0; p < model.patterns().size(); p++) {
                int n = in.readInt();
                List<Seen> seen = new ArrayList<>(n + 4);
                for (int i = 0; i < n; i++) {
                    seen.add(new Seen(instant(in.readLong()), null));
                }
                byPattern.add(seen);
            }
            Activity fast = null;
            if (in.readBoolean()) {
                fast = new Activity();
                fast.occurredAt = instant(in.readLong());
                fast.type = in.readUTF();
                fast.url = in.readBoolean() ? in.readUTF() : null;
            }
            return Optional.of(new TouchHistory(model.version(), byPattern, fast));
        } catch (java.io.IOException e) {
            return Optional.empty(); // unreadable: rebuilt from the stored activity
        }
    }

    /** Times are kept to the microsecond, as PostgreSQL keeps them. */
    public static Instant toMicros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /** Arithmetic rather than ChronoUnit: every touch of every re-scored lead passes here. */
    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
