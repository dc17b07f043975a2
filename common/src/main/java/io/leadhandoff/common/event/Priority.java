package io.leadhandoff.common.event;

/** Handoff priority of a qualified lead; HOT is a high-intent action (demo request, pricing inquiry). */
public enum Priority {
    HOT, HIGH, WARM
}
