package io.leadhandoff.common.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The platform's services as listed once in {@code services.manifest} at the repository root
 * (packaged into common as {@value #RESOURCE}): name, HTTP port and database of each. The local
 * stack, the end-to-end tests and each service's default configuration read it.
 */
public record ServiceManifest(List<Service> services) {

    public static final String RESOURCE = "META-INF/lead-handoff/services.manifest";

    /** One service: {@code name} (e.g. {@code sla}), its HTTP port and its database (and role) name. */
    public record Service(String name, int httpPort, String database) {

        /** The module directory, {@code quarkus.application.name}, event source and queue name. */
        public String applicationName() {
            return name + "-service";
        }
    }

    /** The manifest packaged with common. */
    public static ServiceManifest packaged() {
        try (InputStream in = ServiceManifest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A manifest file (the repository's own, for tools that run from a checkout). */
    public static ServiceManifest read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceManifest parse(Reader reader) throws IOException {
        List<Service> services = new ArrayList<>();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            String[] columns = content.split("\\s+");
            if (columns.length != 3 || !columns[1].matches("\\d{1,5}")) {
                throw new IllegalStateException("services.manifest line " + number
                        + ": expected 'name http-port database', got '" + content + "'");
            }
            services.add(new Service(columns[0], Integer.parseInt(columns[1]), columns[2]));
        }
        return new ServiceManifest(List.copyOf(services));
    }

    public Optional<Service> byApplicationName(String applicationName) {
        return services.stream().filter(s -> s.applicationName().equals(applicationName)).findFirst();
    }

    public Service named(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name + " in services.manifest"));
    }
}
