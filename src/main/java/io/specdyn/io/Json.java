package io.specdyn.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for the manifests, on Jackson. Writing keeps the project's layout: two-space indentation,
 * one member or element per line, {@code "key": value}, {@code {}} and {@code []} when empty, map
 * keys in the map's own order, and a final newline. Doubles are written with
 * {@link Numbers#format(double)} (shortest round-trip) and non-finite ones, which JSON cannot hold,
 * as {@code null}; a {@link BigDecimal} is written exactly ({@link Numbers#format(BigDecimal)}).
 * Records are written as objects in component order.
 *
 * <p>Reading is strict JSON (RFC 8259): no leading {@code +}, no {@code .5}, no leading zeros, no
 * {@code NaN}, no duplicate keys, nesting at most {@value #MAX_DEPTH} deep. Every error is an
 * {@link IllegalArgumentException} naming the line and column.
 */
public final class Json {
    /** Deeper documents are refused; the manifests are at most a few levels deep. */
    public static final int MAX_DEPTH = 200;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .addModule(new SimpleModule("specdyn-numbers")
                    .addSerializer(Double.class, new DoubleSerializer())
                    .addSerializer(double.class, new DoubleSerializer())
                    .addSerializer(Float.class, new FloatSerializer())
                    .addSerializer(float.class, new FloatSerializer())
                    .addSerializer(double[].class, new DoubleArraySerializer())
                    .addSerializer(BigDecimal.class, new BigDecimalSerializer()))
            .build();

    private Json() {
    }

    /**
     * Pretty-prints {@code value}: a map, list, array, record, string, number, boolean or
     * {@code null}, nested as deep as needed.
     *
     * @throws IllegalArgumentException if something in it has no JSON form
     */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = MAPPER.createGenerator(out)) {
            generator.setPrettyPrinter(new Layout());
            MAPPER.writeValue(generator, value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    /**
     * Parses a JSON document into {@link LinkedHashMap} (keys in document order), {@link List},
     * {@link String}, {@link Double} (every number), {@link Boolean} or {@code null}.
     *
     * @throws IllegalArgumentException with the line and column of the first error
     */
    public static Object parse(String text) {
        return plain(readTree(text));
    }

    /**
     * Reads a JSON document into {@code type}, typically a record; members the type does not name
     * are skipped, and members it names that the document lacks are {@code null} (or zero).
     *
     * @throws IllegalArgumentException if the text is not JSON or does not fit the type
     */
    public static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw error(e);
        }
    }

    private static JsonNode readTree(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("JSON: no value at all");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw error(e);
        }
    }

    /** The plain Java form of a node; recursion is bounded by {@link #MAX_DEPTH}. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                map.put(e.getKey(), plain(e.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                list.add(plain(item));
            }
            return list;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }

    /** Jackson's hints on how to relax its checks, which mean nothing to a reader of the message. */
    private static final java.util.regex.Pattern HINT =
            java.util.regex.Pattern.compile(": enable `[^`]*` to allow| \\(but (?:might|could) if [^)]*\\)");

    /** One line: the member (for a value of the wrong type), what is wrong, and where. */
    private static IllegalArgumentException error(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String message = e.getOriginalMessage();
        int cut = message.indexOf('\n');
        message = HINT.matcher(cut < 0 ? message : message.substring(0, cut)).replaceAll("");
        String member = "";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            member = path.length() == 0 ? "" : "'" + path + "': ";
        }
        return new IllegalArgumentException("JSON: " + member + message + where, e);
    }

    /** One member or element per line, two spaces per level, {@code "key": value}. */
    private static final class Layout implements PrettyPrinter {
        private int depth;

        private void newline(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
            for (int i = 0; i < depth; i++) {
                g.writeRaw("  ");
            }
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
            depth++;
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            newline(g);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            depth--;
            if (entries > 0) {
                newline(g);
            }
            g.writeRaw('}');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
            depth++;
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            newline(g);
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            depth--;
            if (values > 0) {
                newline(g);
            }
            g.writeRaw(']');
        }
    }

    private static void writeDouble(double d, JsonGenerator g) throws IOException {
        if (Double.isFinite(d)) {
            g.writeNumber(Numbers.format(d));
        } else {
            g.writeNull();
        }
    }

    private static final class DoubleSerializer extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        DoubleSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator g, SerializerProvider provider) throws IOException {
            writeDouble(value, g);
        }
    }

    /** A float is written as the double it widens to, as before. */
    private static final class FloatSerializer extends StdSerializer<Float> {
        private static final long serialVersionUID = 1L;

        FloatSerializer() {
            super(Float.class);
        }

        @Override
        public void serialize(Float value, JsonGenerator g, SerializerProvider provider) throws IOException {
            writeDouble(value.doubleValue(), g);
        }
    }

    private static final class DoubleArraySerializer extends StdSerializer<double[]> {
        private static final long serialVersionUID = 1L;

        DoubleArraySerializer() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] values, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartArray(values, values.length);
            for (double d : values) {
                writeDouble(d, g);
            }
            g.writeEndArray();
        }
    }

    private static final class BigDecimalSerializer extends StdSerializer<BigDecimal> {
        private static final long serialVersionUID = 1L;

        BigDecimalSerializer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeNumber(Numbers.format(value));
        }
    }
}
