package io.leadhandoff.common.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A service's defaults from {@code services.manifest}: its HTTP port and its database on the local
 * stack's PostgreSQL. Ordinal 200: above common's shared defaults, below the service's
 * application.properties, environment variables and system properties (which is how ./stack,
 * Kubernetes and the tests point a service elsewhere).
 */
public class ServiceManifestConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue name = context.getValue("quarkus.application.name");
        if (name == null || name.getValue() == null) {
            return List.of();
        }
        return ServiceManifest.packaged().byApplicationName(name.getValue())
                .<Iterable<ConfigSource>>map(s -> List.of(new PropertiesConfigSource(Map.of(
                        "quarkus.http.port", String.valueOf(s.httpPort()),
                        "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:15432/" + s.database(),
                        "quarkus.datasource.username", s.database()), "services.manifest", ORDINAL)))
                .orElse(List.of());
    }
}
