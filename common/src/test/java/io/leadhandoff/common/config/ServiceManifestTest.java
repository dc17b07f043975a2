package io.leadhandoff.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.Services;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceManifestTest {

    @Test
    void thePackagedManifestIsTheRepositorysOne() {
        assertEquals(ServiceManifest.read(Path.of("..", "services.manifest")), ServiceManifest.packaged());
    }

    @Test
    void itListsEveryServiceTheEventRegistryKnowsWithDistinctPortsAndDatabases() {
        ServiceManifest manifest = ServiceManifest.packaged();
        List<String> names = manifest.services().stream().map(ServiceManifest.Service::applicationName).toList();
        assertEquals(Services.ALL, names);
        for (EventType type : EventType.values()) {
            assertTrue(names.containsAll(type.consumers()), type + " is consumed by a service not in the manifest");
        }
        assertEquals(names.size(), new HashSet<>(manifest.services().stream().map(ServiceManifest.Service::httpPort).toList()).size());
        assertEquals(names.size(), new HashSet<>(manifest.services().stream().map(ServiceManifest.Service::database).toList()).size());
        assertEquals(8083, manifest.named("sla").httpPort());
    }

    @Test
    void aMalformedLineIsRefusedWithItsNumber() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ServiceManifest.parse(new StringReader("# services\nscoring 8081 scoring\nrouting eighty routing\n")));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void commentsAndBlankLinesAreSkipped() throws IOException {
        assertEquals(List.of(new ServiceManifest.Service("a", 1, "b")),
                ServiceManifest.parse(new StringReader("\n# x\n  a   1   b  \n\n")).services());
    }
}
