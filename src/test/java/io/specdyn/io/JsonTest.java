package io.specdyn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesAndReadsBack() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "spec\"gd\n");
        m.put("d", 100);
        m.put("lr", 1e-3);
        m.put("nan", Double.NaN);
        m.put("flag", true);
        m.put("none", null);
        m.put("list", List.of(1.5, "x", List.of()));
        m.put("empty", Map.of());
        String text = Json.write(m);
        Object back = Json.parse(text);
        Map<String, Object> expected = new LinkedHashMap<>(m);
        expected.put("d", 100.0);
        expected.put("nan", null);
        expected.put("list", List.of(1.5, "x", List.of()));
        assertEquals(expected, back);
        assertEquals(List.copyOf(m.keySet()), List.copyOf(((Map<?, ?>) back).keySet()));
        assertEquals("{\n  \"a\": 0.001\n}\n", Json.write(Map.of("a", 1e-3)));
    }

    /** The layout every manifest has had: written out by hand here. */
    @Test
    void keepsTheManifestLayout() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", new double[] {0.5, Double.POSITIVE_INFINITY});
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("program", "specdyn");
        m.put("steps", 1_000_000_000_000L);
        m.put("lr", 0.05);
        m.put("tiny", 1e-8);
        m.put("argv", List.of("--algo", "gd"));
        m.put("inner", inner);
        m.put("counts", new int[] {1, 2});
        m.put("none", List.of());
        m.put("empty", new LinkedHashMap<>());
        m.put("text", "tab\there, \"quoted\", back\\slash, caf\u00e9");
        String expected = """
                {
                  "program": "specdyn",
                  "steps": 1000000000000,
                  "lr": 0.05,
                  "tiny": 1e-8,
                  "argv": [
                    "--algo",
                    "gd"
                  ],
                  "inner": {
                    "z": 1,
                    "a": [
                      0.5,
                      null
                    ]
                  },
                  "counts": [
                    1,
                    2
                  ],
                  "none": [],
                  "empty": {},
                  "text": "tab\\there, \\"quoted\\", back\\\\slash, caf\u00e9"
                }
                """;
        assertEquals(expected, Json.write(m));
    }

    /** The earlier writer wrote every number that was not a double through longValue(). */
    @Test
    void writesDecimalsAndBigIntegersExactly() {
        assertEquals("0.1\n", Json.write(new BigDecimal("0.1")));
        assertEquals("-2.5\n", Json.write(new BigDecimal("-2.50")));
        assertEquals("1e-30\n", Json.write(new BigDecimal("1E-30")));
        assertEquals("1180591620717411303424\n", Json.write(BigInteger.TWO.pow(70)));
        assertEquals(0.1, Json.parse(Json.write(List.of(new BigDecimal("0.1")))) instanceof List<?> l ? l.get(0) : null);
    }

    @Test
    void rejectsMalformed() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": }"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,]"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1, \"a\": 2}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("NaN"));
    }

    /** The earlier reader threw StringIndexOutOfBoundsException here. */
    @Test
    void truncatedEscapesAreErrors() {
        for (String text : List.of("\"\\u12", "\"\\", "\"\\u12\"", "{\"a\\")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text), text);
            assertTrue(e.getMessage().startsWith("JSON: ") && e.getMessage().contains("line 1"), e.getMessage());
        }
    }

    /** The earlier reader accepted these as numbers. */
    @Test
    void numbersAreStrictJson() {
        for (String text : List.of("+1", ".5", "[+1]", "[.5]", "01", "1.", "-", "1e", "0x10")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(text), text);
        }
        assertEquals(List.of(-0.5, 1e300, 10.0, 0.0), Json.parse("[-0.5, 1E300, 1e1, 0]"));
    }

    /** The earlier reader overflowed the stack; depth is now refused with a plain error. */
    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("depth"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.read(deep, Problem.class));
        String allowed = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        Object value = Json.parse(allowed);
        int depth = 0;
        while (value instanceof List<?> l && !l.isEmpty()) {
            value = l.get(0);
            depth++;
        }
        assertEquals(Json.MAX_DEPTH - 1, depth);
    }

    record Problem(int d, @JsonProperty("signal-index") Integer signalIndex, Double kappa) {
    }

    record Run(String algo, Problem problem, List<String> argv, Map<String, Object> diagnostics) {
    }

    @Test
    void readsRecords() {
        Run run = Json.read("""
                {"algo": "gd", "extra": [1, {"x": 2}], "argv": ["--d", "8"],
                 "problem": {"d": 8, "signal-index": 2}, "diagnostics": {"steps": 3}}""", Run.class);
        assertEquals("gd", run.algo());
        assertEquals(new Problem(8, 2, null), run.problem());
        assertEquals(List.of("--d", "8"), run.argv());
        assertEquals(Map.of("steps", 3), run.diagnostics());
        Run empty = Json.read("{}", Run.class);
        assertNull(empty.algo());
        assertNull(empty.problem());
        assertThrows(IllegalArgumentException.class, () -> Json.read("{\"algo\": [1]}", Run.class));
        assertThrows(IllegalArgumentException.class, () -> Json.read("{\"problem\": {\"d\": \"x\"}}", Run.class));
        assertThrows(IllegalArgumentException.class, () -> Json.read("[]", Run.class));
        // no silent truncation or coercion
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.read("{\"problem\": {\"d\": 2.5}}", Run.class));
        assertTrue(e.getMessage().startsWith("JSON: 'problem.d': ") && e.getMessage().endsWith("at line 1, column 19")
                && !e.getMessage().contains("Coercion"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.read("{\"problem\": {\"d\": \"8\"}}", Run.class));
        assertThrows(IllegalArgumentException.class, () -> Json.read("{\"problem\": {\"d\": 1e10}}", Run.class));
    }

    /** Records are written in component order, under their JSON names, with the same numbers. */
    @Test
    void writesRecords() {
        List<Object> both = new ArrayList<>();
        both.add(new Problem(8, 2, 0.1));
        both.add(new Problem(3, null, Double.NaN));
        assertEquals("""
                [
                  {
                    "d": 8,
                    "signal-index": 2,
                    "kappa": 0.1
                  },
                  {
                    "d": 3,
                    "signal-index": null,
                    "kappa": null
                  }
                ]
                """, Json.write(both));
        assertEquals(new Problem(8, 2, 0.1), Json.read(Json.write(new Problem(8, 2, 0.1)), Problem.class));
    }
}
