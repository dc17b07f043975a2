package io.leadhandoff.common.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.condition.Condition.All;
import io.leadhandoff.common.condition.Condition.Equals;
import io.leadhandoff.common.condition.Condition.Glob;
import io.leadhandoff.common.condition.Condition.In;
import io.leadhandoff.common.condition.Condition.Matches;
import io.leadhandoff.common.condition.Condition.Missing;
import io.leadhandoff.common.condition.Condition.Not;
import io.leadhandoff.common.condition.Condition.Present;
import io.leadhandoff.common.condition.Condition.Range;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shared condition library: pure logic, no Quarkus. */
class ConditionsTest {

    static final Set<String> LEAD = Set.of("country", "employees", "industry", "email", "jobTitle", "url", "companyDomain");

    static Facts lead(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Facts.of(m);
    }

    @Test
    void everyOperatorOverNamedAttributes() {
        Facts dach = lead("country", "de", "employees", 500, "industry", " Software ", "jobTitle", "VP Sales",
                "url", "https://acme.example/pricing?plan=pro");
        assertTrue(Conditions.compile(new Equals("industry", "software", null), LEAD).test(dach), "trimmed, any case");
        assertFalse(Conditions.compile(new Equals("industry", "software", false), LEAD).test(dach), "exact case asked");
        assertTrue(Conditions.compile(new Equals("employees", 500, null), LEAD).test(dach));
        assertTrue(Conditions.compile(new In("country", List.of("DE", "AT", "CH"), null), LEAD).test(dach));
        assertTrue(Conditions.compile(new In("employees", List.of(100, 500.0), null), LEAD).test(dach), "500 is 500.0");
        assertTrue(Conditions.compile(new Range("employees", BigDecimal.valueOf(50), BigDecimal.valueOf(500)), LEAD).test(dach),
                "bounds inclusive");
        assertFalse(Conditions.compile(new Range("employees", BigDecimal.valueOf(501), null), LEAD).test(dach));
        assertTrue(Conditions.compile(new Range("employees", null, BigDecimal.valueOf(1000)), LEAD)
                .test(lead("employees", "750")), "numbers given as text count");
        assertTrue(Conditions.compile(new Matches("jobTitle", "(?i)\\b(vp|head|director)\\b"), LEAD).test(dach));
        assertTrue(Conditions.compile(new Glob("url", "*://*/pricing*"), LEAD).test(dach));
        assertFalse(Conditions.compile(new Glob("url", "*/product*"), LEAD).test(dach));
        assertTrue(Conditions.compile(new Glob("url", "HTTPS://acme.example/PRICING?plan=pro"), LEAD).test(dach),
                "literal glob characters are not regex: '?' matches one character, '.' only a dot");
        assertTrue(Conditions.compile(new Present("country"), LEAD).test(dach));
        assertTrue(Conditions.compile(new Missing("email"), LEAD).test(dach));
        assertTrue(Conditions.compile(new Missing("email"), LEAD).test(lead("email", "  ")), "blank is missing");
    }

    @Test
    void combinationsAndMissingValues() {
        Condition enterpriseDach = new All(List.of(new In("country", List.of("DE", "AT"), null),
                Condition.any(new Range("employees", BigDecimal.valueOf(1000), null), new Equals("industry", "banking", null)),
                new Not(new Matches("email", "@(gmail|yahoo)\\."))));
        Conditions.Compiled c = Conditions.compile(enterpriseDach, LEAD);
        assertTrue(c.test(lead("country", "AT", "employees", 5000, "email", "ceo@bank.example")));
        assertTrue(c.test(lead("country", "DE", "employees", 20, "industry", "Banking")));
        assertFalse(c.test(lead("country", "DE", "employees", 5000, "email", "x@gmail.com")));
        assertFalse(c.test(lead("country", "FR", "employees", 5000)));
        assertFalse(c.test(lead()), "no attributes: nothing matches, nothing throws");
    }

    @Test
    void travelsAsJsonAndBack() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String json = """
                {"op":"all","of":[{"op":"in","attribute":"country","values":["DE","AT"]},
                 {"op":"range","attribute":"employees","min":50,"max":5000},
                 {"op":"not","of":{"op":"glob","attribute":"url","pattern":"*/careers*"}}]}""";
        Condition parsed = mapper.readValue(json, Condition.class);
        assertEquals(parsed, mapper.readValue(mapper.writeValueAsString(parsed), Condition.class));
        assertTrue(Conditions.compile(parsed, LEAD).test(lead("country", "DE", "employees", 60, "url", "https://x/pricing")));
    }

    @Test
    void invalidConditionsNameThePartAndTheReason() {
        Condition bad = new All(List.of(new Equals("countyr", "DE", null), Condition.any(
                new Matches("jobTitle", "(unclosed"), new Range("employees", BigDecimal.TEN, BigDecimal.ONE)),
                new In("country", List.of(), null), new Equals("industry", Map.of("nested", 1), null)));
        InvalidConditionException e = assertThrows(InvalidConditionException.class, () -> Conditions.compile(bad, LEAD));
        List<String> found = e.violations().stream().map(Object::toString).toList();
        assertEquals(5, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("condition.all[0].equals: unknown attribute 'countyr'"), found.get(0));
        assertTrue(found.get(1).startsWith("condition.all[1].any[0].regex: invalid regex"), found.get(1));
        assertEquals("condition.all[1].any[1].range: min 10 is greater than max 1", found.get(2));
        assertEquals("condition.all[2].in: values must list at least one value", found.get(3));
        assertEquals("condition.all[3].equals: value must be text, a number or true/false", found.get(4));
        assertEquals(List.of(), Conditions.validate(new Present("anything"), null), "null attribute set: any name");
    }

    @Test
    void nestingAndSizeAreBounded() {
        Condition deep = new Present("country");
        for (int i = 0; i < Conditions.MAX_DEPTH + 5; i++) {
            deep = new Not(deep);
        }
        assertTrue(Conditions.validate(deep, LEAD).stream().anyMatch(v -> v.message().contains("nested deeper")));
        assertTrue(Conditions.validate(new All(List.of()), LEAD).get(0).message().contains("at least one"));
        assertTrue(Conditions.validate(new Matches("jobTitle", "a".repeat(501)), LEAD).get(0).message().contains("longer"));
    }
}
