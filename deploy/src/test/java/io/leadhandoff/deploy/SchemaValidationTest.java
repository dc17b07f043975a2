package io.leadhandoff.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rendered object against the schemas of a pinned Kubernetes release (1.34, from the npm
 * package kubernetes-models) and of the operators' resources that have published models
 * (CloudNativePG, Prometheus operator), unknown fields included: deploy/schema-check/check.mjs
 * types each object as an object literal of its model (TypeScript's excess-property check) and runs
 * the models' JSON-schema validators. The packages come from npm, pinned in its package-lock.json.
 */
class SchemaValidationTest {

    static final Path CHECK = GeneratedManifestsTest.ROOT.resolve("deploy/schema-check");
    static final ObjectMapper JSON = new ObjectMapper();
    /** Resources without a published schema model yet (README, Deploy): checked only by RenderedManifestsTest. */
    static final Pattern UNPINNED = Pattern.compile("broker\\.amq\\.io/v1beta1 ActiveMQArtemis(Address)?/\\S+"
            + "|k8s\\.keycloak\\.org/v2alpha1 (Keycloak|KeycloakRealmImport)/\\S+");

    record Result(int exit, String output) {
    }

    static Result run(Path workDir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), String.join(" ", command) + " finished");
        return new Result(p.exitValue(), out);
    }

    @BeforeAll
    static void installTheSchemas() throws Exception {
        if (!Files.isDirectory(CHECK.resolve("node_modules/kubernetes-models"))) {
            Result ci = run(CHECK, 300, "npm", "ci", "--no-audit", "--no-fund");
            assertEquals(0, ci.exit(), "npm ci in deploy/schema-check:\n" + ci.output());
        }
    }

    static Result check(String name, List<JsonNode> objects) throws Exception {
        Path file = Files.createDirectories(GeneratedManifestsTest.ROOT.resolve("deploy/target")).resolve(name + ".json");
        JSON.writeValue(file.toFile(), objects);
        return run(CHECK, 120, "node", "check.mjs", file.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyRenderedObjectValidatesAgainstItsSchema(String overlay) throws Exception {
        List<JsonNode> objects = RenderedManifestsTest.render(overlay);
        Result result = check(overlay, objects);
        assertEquals(0, result.exit(), result.output());
        Matcher unchecked = Pattern.compile("no schema pinned for: (.*)").matcher(result.output());
        if (unchecked.find()) {
            for (String object : unchecked.group(1).split(", ")) {
                assertTrue(UNPINNED.matcher(object.strip()).matches(), "a new kind without a schema: " + object);
            }
        }
        Matcher checked = Pattern.compile("(\\d+) objects checked, 0 problems").matcher(result.output());
        assertTrue(checked.find() && Integer.parseInt(checked.group(1)) >= objects.size() - 10,
                "all but the operators' resources without a model were checked: " + result.output());
    }

    @Test
    void aMisspeltFieldOrAWrongTypeIsCaught() throws Exception {
        JsonNode deployment = RenderedManifestsTest.kind(RenderedManifestsTest.render("dev"), "Deployment").get(0);
        ObjectNode misspelt = deployment.deepCopy();
        ((ObjectNode) misspelt.at("/spec/template/spec/containers/0/securityContext")).put("readOnlyRootFilesytem", true);
        ObjectNode wrongType = deployment.deepCopy();
        ((ObjectNode) wrongType.at("/spec/template/spec/containers/0/ports/0")).put("containerPort", "8080");
        Result result = check("broken", List.of(misspelt, wrongType));
        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("'\"readOnlyRootFilesytem\"' does not exist"), result.output());
        assertTrue(result.output().contains("containerPort must be integer"), result.output());
    }

    /** The realm import's realm, read strictly by Keycloak's own model of a realm: an unknown field fails. */
    static void readAsKeycloakRealm(JsonNode realm) throws IOException {
        JSON.copy().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .treeToValue(realm, org.keycloak.representations.idm.RealmRepresentation.class);
    }

    @Test
    void theRealmImportIsARealmKeycloakReadsAndAMisspeltFieldIsNot() throws Exception {
        JsonNode realm = RenderedManifestsTest.kind(RenderedManifestsTest.render("prod"), "KeycloakRealmImport").get(0)
                .at("/spec/realm");
        readAsKeycloakRealm(realm);
        ObjectNode misspelt = realm.deepCopy();
        misspelt.put("acessTokenLifespan", 300);
        try {
            readAsKeycloakRealm(misspelt);
            throw new AssertionError("a misspelt realm field was accepted");
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            assertTrue(e.getMessage().contains("acessTokenLifespan"), e.getMessage());
        }
    }
}
