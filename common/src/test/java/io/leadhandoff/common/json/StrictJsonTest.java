package io.leadhandoff.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounds every service's JSON reader applies: plain unit tests. */
class StrictJsonTest {

    record Person(String name, Map<String, Object> properties) {
    }

    static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    static String refused(String json) {
        return assertThrows(JsonProcessingException.class, () -> mapper().readValue(json, Person.class)).getMessage();
    }

    @Test
    void textThatCannotBeStoredIsRefusedWhereverItIs() {
        assertTrue(refused("{\"name\": \"a\\u0000b\"}").contains("NUL"));
        assertTrue(refused("{\"name\": \"x\\ud800y\"}").contains("surrogate"));
        assertTrue(refused("{\"properties\": {\"q\": \"a\\u0000b\"}}").contains("NUL"));
        assertTrue(refused("{\"properties\": {\"q\": [\"ok\", {\"deeper\": \"\\udc00\"}]}}").contains("surrogate"));
        assertTrue(refused("{\"properties\": {\"a\\u0000\": 1}}").contains("NUL"));
    }

    @Test
    void nestingRepeatsAndPairsOfSurrogates() throws Exception {
        assertTrue(refused("{\"properties\": " + "{\"a\":".repeat(StrictJson.MAX_DEPTH) + "1" + "}".repeat(StrictJson.MAX_DEPTH)
                + "}").contains("nesting depth"));
        assertTrue(refused("{\"name\": \"a\", \"name\": \"b\"}").contains("Duplicate field"));
        Person ok = mapper().readValue("{\"name\": \"Jos\\u00e9 \\ud83d\\ude00\", \"properties\": {\"n\": {\"m\": 2}}}",
                Person.class);
        assertEquals("Jos\u00e9 \ud83d\ude00", ok.name(), "a surrogate pair (an emoji) is fine");
        assertEquals(Map.of("m", 2), mapper().convertValue(ok.properties().get("n"), new TypeReference<Map<String, Object>>() {
        }));
    }

    @Test
    void freeFormNumbersOutOfRangeAreRefusedNotTurnedIntoText() throws Exception {
        assertTrue(refused("{\"properties\": {\"x\": 1e400}}").contains("out of range"));
        assertTrue(refused("{\"properties\": {\"x\": [1, {\"y\": -1e400}]}}").contains("out of range"));
        Person ok = mapper().readValue("{\"properties\": {\"big\": 123456789012345678901234567890, \"small\": 1e-400,"
                + " \"max\": 1.7e308}}", Person.class);
        assertEquals(new java.math.BigInteger("123456789012345678901234567890"), ok.properties().get("big"));
        assertEquals(0.0, ok.properties().get("small"));
        assertEquals(1.7e308, ok.properties().get("max"));
    }
}
