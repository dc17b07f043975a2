package io.leadhandoff.scoring.lead;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "scoring.identity")
public interface IdentityConfig {

    /**
     * Treat {@code dana+webinar@acme.example} as {@code dana@acme.example}. Off by default: for some
     * mail systems the tag is part of a different mailbox.
     */
    @WithDefault("false")
    boolean stripPlusAddressing();
}
