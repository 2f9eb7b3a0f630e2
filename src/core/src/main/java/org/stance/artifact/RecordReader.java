package org.stance.artifact;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON document into this package's manifest records with Jackson's streaming parser
 * only. Jackson's data binding (creating the mapper, introspecting the records) took 0.15-0.2 s
 * of every cold start; the manifests are plain records of strings, numbers, booleans, lists and
 * string-keyed maps, which this binds the way data binding does (a missing property is null or
 * zero, a number may be written as a string). Anything else it refuses with
 * {@link Unsupported}, and the caller falls back to data binding, whose answer (and error
 * message) is then the one given. Only the record types the caller names are instantiated: the
 * file names no class.
 */
final class RecordReader {

    private static final JsonFactory JSON = new JsonFactory();

    /** Not a shape this reader binds: use data binding instead. */
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private RecordReader() {
    }

    /** The document as maps (insertion-ordered), lists, strings, numbers, booleans and nulls. */
    static Object tree(byte[] json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken();
            Object value = value(p);
            if (p.nextToken() != null) {
                throw new IOException("trailing content after the JSON document");
            }
            return value;
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("empty JSON document");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (map.containsKey(name)) {
                        throw new IOException("duplicate key '" + name + "'"); // data binding then refuses it with its position
                    }
                    map.put(name, value(p));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return t == JsonToken.VALUE_TRUE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + t);
        }
    }

    /** {@code value} (from {@link #tree}) as the given type: a record, list, map or scalar. */
    @SuppressWarnings("unchecked")
    static <T> T bind(Object value, Class<T> type) throws Unsupported {
        return (T) bind(value, (Type) type);
    }

    private static Object bind(Object value, Type type) throws Unsupported {
        if (type instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> raw) {
            Type[] args = pt.getActualTypeArguments();
            if (value == null) {
                return null;
            }
            if (raw == List.class && value instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                for (Object item : list) {
                    out.add(bind(item, args[0]));
                }
                return out;
            }
            if (raw == Map.class && args[0] == String.class && value instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.put((String) e.getKey(), bind(e.getValue(), args[1]));
                }
                return out;
            }
            throw new Unsupported(type + " from " + kind(value));
        }
        if (!(type instanceof Class<?> c)) {
            throw new Unsupported(type.toString());
        }
        if (c.isRecord()) {
            return record(value, c);
        }
        return scalar(value, c);
    }

    private static Object record(Object value, Class<?> c) throws Unsupported {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new Unsupported(c.getSimpleName() + " from " + kind(value));
        }
        RecordComponent[] components = c.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = bind(map.get(components[i].getName()), components[i].getGenericType());
            types[i] = components[i].getType();
        }
        if (map.size() > components.length || !map.keySet().stream().allMatch(k -> hasComponent(components, (String) k))) {
            throw new Unsupported("an unknown property in " + c.getSimpleName()); // data binding refuses it with its message
        }
        try {
            return c.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new Unsupported(c.getSimpleName() + ": " + e);
        }
    }

    private static boolean hasComponent(RecordComponent[] components, String name) {
        for (RecordComponent rc : components) {
            if (rc.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Object scalar(Object v, Class<?> c) throws Unsupported {
        try {
            if (c == String.class) {
                return v == null ? null : v instanceof String || v instanceof Number || v instanceof Boolean ? v.toString() : fail(c, v);
            }
            if (c == int.class || c == Integer.class) {
                return v == null ? (c == int.class ? 0 : null) : v instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue()
                        : v instanceof String s ? Integer.parseInt(s.strip()) : fail(c, v);
            }
            if (c == long.class || c == Long.class) {
                return v == null ? (c == long.class ? 0L : null) : v instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue()
                        : v instanceof String s ? Long.parseLong(s.strip()) : fail(c, v);
            }
            if (c == double.class || c == Double.class) {
                return v == null ? (c == double.class ? 0.0 : null) : v instanceof Number n ? n.doubleValue()
                        : v instanceof String s ? Double.parseDouble(s.strip()) : fail(c, v);
            }
            if (c == boolean.class || c == Boolean.class) {
                return v == null ? (c == boolean.class ? false : null) : v instanceof Boolean b ? b : fail(c, v);
            }
        } catch (NumberFormatException e) {
            throw new Unsupported(c.getSimpleName() + " from '" + v + "'");
        }
        throw new Unsupported(c.getName());
    }

    private static Object fail(Class<?> c, Object v) throws Unsupported {
        throw new Unsupported(c.getSimpleName() + " from " + kind(v));
    }

    private static String kind(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName();
    }
}
