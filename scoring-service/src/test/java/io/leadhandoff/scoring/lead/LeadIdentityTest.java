package io.leadhandoff.scoring.lead;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The key of a lead: the normalised e-mail, with or without the plus tag as the identity policy says. */
class LeadIdentityTest {

    static LeadService withPlusStripping(boolean strip) {
        return new LeadService(null, null, null, null, null, null, () -> strip, null);
    }

    @Test
    void emailsAreTrimmedAndLowerCasedAndPlusTagsKeptByDefault() {
        assertEquals("dana+webinar@acme.example", withPlusStripping(false).normalise("  Dana+Webinar@ACME.example "));
    }

    @Test
    void thePolicyCanStripPlusTags() {
        LeadService leads = withPlusStripping(true);
        assertEquals("dana@acme.example", leads.normalise("Dana+Webinar@acme.example"));
        assertEquals("dana@acme.example", leads.normalise("dana@acme.example"));
        assertEquals("+dana@acme.example", leads.normalise("+dana@acme.example"), "a leading plus is the whole name");
    }
}
