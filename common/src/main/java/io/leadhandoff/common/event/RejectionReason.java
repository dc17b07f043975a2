package io.leadhandoff.common.event;

/**
 * Why sales rejected a lead: a fixed list, so rejections can be counted and each has a recycle
 * path (see scoring). {@link #OTHER} requires a note.
 */
public enum RejectionReason {
    WRONG_COMPANY_PROFILE,
    WRONG_ROLE,
    NO_ACTIVE_PROJECT,
    BAD_TIMING,
    INSUFFICIENT_DATA,
    DUPLICATE,
    COULD_NOT_CONTACT,
    EXISTING_CUSTOMER,
    COMPETITOR_OR_PARTNER,
    OTHER
}
