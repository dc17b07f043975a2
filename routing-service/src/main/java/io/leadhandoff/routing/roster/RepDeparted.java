package io.leadhandoff.routing.roster;

/** A rep left: their open assignments go to others at once (observed in the same transaction). */
public record RepDeparted(String login, String actor) {
}
