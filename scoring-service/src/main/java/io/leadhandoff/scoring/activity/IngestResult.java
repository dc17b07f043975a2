package io.leadhandoff.scoring.activity;

/** What became of a batch: new events stored, and events already seen (same eventId). */
public record IngestResult(int accepted, int duplicates) {
}
