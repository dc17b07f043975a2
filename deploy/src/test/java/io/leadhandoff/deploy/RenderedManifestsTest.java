package io.leadhandoff.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.leadhandoff.common.config.ServiceManifest;
import io.leadhandoff.common.messaging.BrokerTopology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * What a platform team applies, as {@code kubectl kustomize} renders each overlay (offline, no
 * cluster): every container probed, sized and locked down; no secret in git and every secret a
 * service reads provided by an operator or named in the README; every pod behind a NetworkPolicy;
 * every Service selecting pods; every setting a service needs in production set, none pointing at
 * localhost; production pinned by digest, replicated and spread.
 */
class RenderedManifestsTest {

    static final Path ROOT = GeneratedManifestsTest.ROOT;
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Secrets an operator creates (CloudNativePG: <cluster>-app; ArtemisCloud: <broker>-credentials-secret). */
    static final List<String> OPERATOR_SECRET_SUFFIXES = List.of("-db-app", "-credentials-secret");
    /** Secrets the platform team provides (README, Deploy): names and keys only are in git. */
    static final Set<String> PROVIDED_SECRETS = Set.of("lead-handoff-smtp", "lead-handoff-tls", "reporting-dashboard-oidc");
    /** What every service reads in production (its own settings come from the ConfigMap or a Secret). */
    static final Set<String> REQUIRED_ENV = Set.of("QUARKUS_HTTP_HOST", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "AMQP_HOST", "AMQP_PORT", "AMQP_USERNAME",
            "AMQP_PASSWORD", "QUARKUS_OIDC_AUTH_SERVER_URL");
    static final Set<String> MAIL_ENV = Set.of("QUARKUS_MAILER_HOST", "QUARKUS_MAILER_PORT", "QUARKUS_MAILER_USERNAME",
            "QUARKUS_MAILER_PASSWORD");

    static List<JsonNode> render(String overlay) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kubectl", "kustomize", ROOT.resolve("k8s/overlays/" + overlay).toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize finished");
        assertEquals(0, p.exitValue(), "kubectl kustomize k8s/overlays/" + overlay + ":\n" + out);
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(out)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isNull()) {
                    docs.add(d);
                }
            });
        }
        return docs;
    }

    static List<JsonNode> kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    static Iterable<JsonNode> each(JsonNode array) {
        return array::elements;
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new HashMap<>();
        node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    static boolean selects(JsonNode matchLabels, Map<String, String> podLabels) {
        Map<String, String> wanted = labels(matchLabels);
        return !wanted.isEmpty() && podLabels.entrySet().containsAll(wanted.entrySet());
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyContainerIsProbedSizedAndLockedDown(String overlay) throws Exception {
        List<JsonNode> deployments = kind(render(overlay), "Deployment");
        assertEquals(ServiceManifest.read(ROOT.resolve("services.manifest")).services().size(), deployments.size());
        for (JsonNode d : deployments) {
            String name = d.at("/metadata/name").asText();
            JsonNode pod = d.at("/spec/template/spec");
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), name + " runs as non-root");
            assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText(), name + " seccomp");
            assertFalse(pod.at("/automountServiceAccountToken").asBoolean(true), name + " mounts no token");
            for (JsonNode c : each(pod.path("containers"))) {
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    assertTrue(c.has(probe), name + " has a " + probe);
                }
                assertEquals("/q/health/started", c.at("/startupProbe/httpGet/path").asText());
                assertEquals("/q/health/live", c.at("/livenessProbe/httpGet/path").asText());
                assertEquals("/q/health/ready", c.at("/readinessProbe/httpGet/path").asText());
                for (String r : List.of("/resources/requests/cpu", "/resources/requests/memory", "/resources/limits/cpu",
                        "/resources/limits/memory")) {
                    assertFalse(c.at(r).isMissingNode(), name + " sets " + r);
                }
                assertFalse(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true), name + " no escalation");
                assertTrue(c.at("/securityContext/readOnlyRootFilesystem").asBoolean(), name + " read-only root");
                assertTrue(StreamSupport.stream(each(c.at("/securityContext/capabilities/drop")).spliterator(), false)
                        .anyMatch(x -> x.asText().equals("ALL")), name + " drops all capabilities");
                assertTrue(StreamSupport.stream(each(c.path("volumeMounts")).spliterator(), false)
                        .anyMatch(m -> m.path("mountPath").asText().equals("/tmp")), name + " has a writable /tmp");
                String image = c.path("image").asText();
                assertFalse(image.endsWith(":latest") || !(image.contains("@sha256:") || image.matches(".*:[^/]+$")),
                        name + " names a version or digest: " + image);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void noSecretIsInGitAndEverySecretReadIsProvided(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        assertEquals(List.of(), kind(docs, "Secret").stream().map(s -> s.at("/metadata/name").asText()).toList(),
                "no Secret object (and so no secret value) in the manifests");
        Set<String> read = new HashSet<>();
        for (JsonNode d : kind(docs, "Deployment")) {
            for (JsonNode c : each(d.at("/spec/template/spec/containers"))) {
                for (JsonNode e : each(c.path("env"))) {
                    JsonNode ref = e.at("/valueFrom/secretKeyRef");
                    if (!ref.isMissingNode()) {
                        assertFalse(ref.path("key").asText().isEmpty(), "a key of " + ref.path("name").asText());
                        read.add(ref.path("name").asText());
                    }
                }
            }
        }
        for (JsonNode i : kind(docs, "Ingress")) {
            for (JsonNode tls : each(i.at("/spec/tls"))) {
                read.add(tls.path("secretName").asText());
            }
        }
        Set<String> clusters = new HashSet<>();
        kind(docs, "Cluster").forEach(c -> clusters.add(c.at("/metadata/name").asText()));
        Set<String> brokers = new HashSet<>();
        kind(docs, "ActiveMQArtemis").forEach(b -> brokers.add(b.at("/metadata/name").asText()));
        for (String secret : read) {
            boolean byOperator = clusters.contains(secret.replaceFirst("-app$", "")) && secret.endsWith("-app")
                    || brokers.contains(secret.replaceFirst("-credentials-secret$", "")) && secret.endsWith("-credentials-secret");
            assertTrue(byOperator || PROVIDED_SECRETS.contains(secret), "secret " + secret
                    + " is neither made by an operator here nor one the README tells the platform team to provide");
        }
        assertTrue(OPERATOR_SECRET_SUFFIXES.stream().allMatch(suffix -> read.stream().anyMatch(s -> s.endsWith(suffix))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyPodIsBehindANetworkPolicyAndEveryServiceHasPods(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        List<JsonNode> policies = kind(docs, "NetworkPolicy");
        List<Map<String, String>> pods = new ArrayList<>();
        for (JsonNode d : kind(docs, "Deployment")) {
            Map<String, String> podLabels = labels(d.at("/spec/template/metadata/labels"));
            pods.add(podLabels);
            assertTrue(policies.stream().anyMatch(p -> selects(p.at("/spec/podSelector/matchLabels"), podLabels)),
                    d.at("/metadata/name").asText() + " is selected by a NetworkPolicy");
        }
        // the operators' pods by the labels they are known to carry
        for (JsonNode c : kind(docs, "Cluster")) {
            Map<String, String> podLabels = Map.of("cnpg.io/cluster", c.at("/metadata/name").asText());
            assertTrue(policies.stream().anyMatch(p -> selects(p.at("/spec/podSelector/matchLabels"), podLabels)),
                    "database " + c.at("/metadata/name").asText() + " is behind a NetworkPolicy");
        }
        for (JsonNode s : kind(docs, "Service")) {
            assertTrue(pods.stream().anyMatch(p -> selects(s.at("/spec/selector"), p)),
                    "Service " + s.at("/metadata/name").asText() + " selects pods");
        }
        for (JsonNode ingress : kind(docs, "Ingress")) {
            for (JsonNode rule : each(ingress.at("/spec/rules"))) {
                String backend = rule.at("/http/paths/0/backend/service/name").asText();
                assertTrue(kind(docs, "Service").stream().anyMatch(s -> s.at("/metadata/name").asText().equals(backend)),
                        "the ingress routes to an existing Service: " + backend);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everySettingAServiceNeedsIsSetAndNoneIsLocal(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        Map<String, JsonNode> configMaps = new HashMap<>();
        kind(docs, "ConfigMap").forEach(c -> configMaps.put(c.at("/metadata/name").asText(), c.path("data")));
        for (JsonNode d : kind(docs, "Deployment")) {
            String name = d.at("/metadata/name").asText();
            for (JsonNode c : each(d.at("/spec/template/spec/containers"))) {
                Set<String> set = new HashSet<>();
                each(c.path("env")).forEach(e -> set.add(e.path("name").asText()));
                for (JsonNode from : each(c.path("envFrom"))) {
                    JsonNode data = configMaps.get(from.at("/configMapRef/name").asText());
                    assertTrue(data != null, name + " reads an existing ConfigMap");
                    data.fieldNames().forEachRemaining(set::add);
                    data.fields().forEachRemaining(v -> assertTrue(v.getValue().isTextual(),
                            name + ": " + v.getKey() + " is a string, as a ConfigMap's values must be"));
                    data.fields().forEachRemaining(v -> assertFalse(v.getValue().asText().matches(
                            ".*(localhost|127\\.0\\.0\\.1).*"), name + ": " + v.getKey() + " points at this machine"));
                }
                assertTrue(set.containsAll(REQUIRED_ENV), name + " sets " + REQUIRED_ENV + "; it sets " + set);
                if (name.equals("routing-service") || name.equals("sla-service")) {
                    assertTrue(set.containsAll(MAIL_ENV), name + " sends mail: " + MAIL_ENV);
                }
            }
        }
    }

    @Test
    void productionIsPinnedReplicatedAndSpread() throws Exception {
        List<JsonNode> docs = render("prod");
        for (JsonNode d : kind(docs, "Deployment")) {
            String name = d.at("/metadata/name").asText();
            assertTrue(d.at("/spec/template/spec/containers/0/image").asText().contains("@sha256:"), name + " by digest");
            assertTrue(d.at("/spec/replicas").asInt() >= 3, name + " replicas");
            assertFalse(d.at("/spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution")
                    .isMissingNode(), name + " anti-affinity");
            assertEquals("DoNotSchedule", d.at("/spec/template/spec/topologySpreadConstraints/0/whenUnsatisfiable").asText());
        }
        kind(docs, "HorizontalPodAutoscaler").forEach(h -> assertTrue(h.at("/spec/minReplicas").asInt() >= 3));
        kind(docs, "PodDisruptionBudget").forEach(p -> assertEquals(2, p.at("/spec/minAvailable").asInt()));
        kind(docs, "Cluster").forEach(c -> assertEquals(3, c.at("/spec/instances").asInt()));
        kind(docs, "ActiveMQArtemis").forEach(b -> assertTrue(b.at("/spec/deploymentPlan/size").asInt() >= 2));
        assertTrue(docs.stream().allMatch(d -> "lead-handoff".equals(d.at("/metadata/namespace").asText())),
                "everything in the lead-handoff namespace");
    }

    @Test
    void theBrokerHoldsEveryQueueOfTheEventRegistryAndTheRealmNoDemoCredential() throws Exception {
        List<JsonNode> docs = render("dev");
        Set<String> queues = new HashSet<>();
        kind(docs, "ActiveMQArtemisAddress").forEach(a -> queues.add(a.at("/spec/queueName").asText()));
        Set<String> expected = new HashSet<>();
        BrokerTopology.platform().queues().forEach(q -> expected.add(q.name()));
        assertEquals(expected, queues);
        JsonNode realm = kind(docs, "KeycloakRealmImport").get(0).at("/spec/realm");
        assertEquals("lead-handoff", realm.path("realm").asText());
        assertTrue(realm.path("users").isMissingNode(), "no demo users");
        each(realm.path("clients")).forEach(c -> assertTrue(c.path("secret").isMissingNode(),
                "no client secret: " + c.path("clientId").asText()));
    }
}
