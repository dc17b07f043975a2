package io.leadhandoff.scoring.model;

/** One rule's contribution to a lead's score, as stored with the lead and shown to sales. */
public record ScoreLine(String rule, String description, String category, int points, String detail) {
}
