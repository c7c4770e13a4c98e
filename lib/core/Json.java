package lib.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * JSON in and out for manifests and reports; maps should be sorted (or built in a fixed
 * order) for stable bytes. The records of the files the run writes map themselves with
 * the checked readers below: jackson-jr 2.22 maps records, but by component name
 * (camelCase), in alphabetical order and without nulls, none of which the files have.
 */
public final class Json {
    private static final JSON PRETTY = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT);

    private Json() {}

    public static String write(Object value) {
        try {
            return PRETTY.asString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> read(String text) {
        try {
            return JSON.std.mapFrom(text);
        } catch (JsonProcessingException e) {
            // One line, where the text goes wrong: not the parser's two, with its notes on what it left out.
            JsonLocation at = e.getLocation();
            throw new UncheckedIOException("not valid JSON (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object as read (keys in the file's order); null stays null; anything else is a wrong shape. */
    public static Map<String, Object> object(Object v) {
        if (v == null) return null;
        if (!(v instanceof Map<?, ?> m)) throw wrong("an object", v);
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), x));
        return out;
    }

    /** A JSON object whose values are read by {@code each}; a missing one is empty. */
    public static <T> Map<String, T> objectOf(Object v, Function<Object, T> each) {
        Map<String, T> out = new LinkedHashMap<>();
        if (v != null) object(v).forEach((k, x) -> out.put(k, each.apply(x)));
        return out;
    }

    /** A JSON array whose items are read by {@code each}; a missing one is empty. */
    public static <T> List<T> listOf(Object v, Function<Object, T> each) {
        if (v == null) return new ArrayList<>();
        if (!(v instanceof List<?> l)) throw wrong("an array", v);
        List<T> out = new ArrayList<>();
        for (Object x : l) out.add(each.apply(x));
        return out;
    }

    /** A whole number; a missing one is 0. */
    public static long integer(Object v) {
        if (v == null) return 0;
        if (!(v instanceof Number n)) throw wrong("a number", v);
        return n.longValue();
    }

    /** A number; a missing one is 0. */
    public static double number(Object v) {
        if (v == null) return 0;
        if (!(v instanceof Number n)) throw wrong("a number", v);
        return n.doubleValue();
    }

    /** A string (or null). */
    public static String text(Object v) {
        if (v == null || v instanceof String) return (String) v;
        throw wrong("a string", v);
    }

    private static IllegalArgumentException wrong(String expected, Object v) {
        return new IllegalArgumentException("expected " + expected + ", found " + v);
    }
}
