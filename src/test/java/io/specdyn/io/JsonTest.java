package io.specdyn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void rejectsMalformed() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": }"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x"));
    }
}
