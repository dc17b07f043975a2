package io.leadhandoff.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * k8s/base is what the generator makes of services.manifest, the event registry and the realm file:
 * a service, event type or realm change that was not regenerated fails here, with the command that
 * fixes it ({@code -Dk8s.write=true} rewrites the files).
 */
class GeneratedManifestsTest {

    static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    @Test
    void theCommittedBaseIsWhatTheRegistriesGenerate() throws IOException {
        Map<String, String> generated = KubernetesManifests.generate(ROOT);
        if (Boolean.getBoolean("k8s.write")) {
            KubernetesManifests.write(ROOT, generated);
        }
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Path committed = ROOT.resolve("k8s/base").resolve(file.getKey());
            assertEquals(file.getValue(), Files.exists(committed) ? Files.readString(committed) : "(missing)",
                    "k8s/base/" + file.getKey() + " is out of date: ./mvnw -pl deploy -am verify -Dk8s.write=true");
        }
    }
}
