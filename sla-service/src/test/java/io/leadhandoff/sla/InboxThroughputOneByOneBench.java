package io.leadhandoff.sla;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/** {@link InboxThroughputBench} with one message per transaction: what batching saves. */
@QuarkusTest
@TestProfile(InboxThroughputOneByOneBench.OneByOne.class)
class InboxThroughputOneByOneBench extends InboxThroughputBench {

    public static class OneByOne implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("handoff.inbox.batch-size", "1");
        }
    }
}
