package dev.curfew.server.testing;

import dev.curfew.server.http.StorableText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of JSON request bodies that no endpoint may accept: a plausible body (odd but legal values, unknown
 * members) with at least one thing that makes it unacceptable whatever the rest says — a value of a type the field
 * cannot take, a {@code null} list element, U+0000 or an unpaired surrogate, a repeated name, data after the value,
 * a cut-off document, a root of the wrong shape, nesting far deeper than any field, text that is no JSON at all, or a
 * value the endpoint's own rules refuse. Because every body is unacceptable, a property can demand a 4xx and an
 * unchanged server for every one.
 */
public final class JsonFuzz {
    private JsonFuzz() {}

    /** What a field holds, which decides which values it cannot take. */
    public enum Kind {
        STRING,
        INT,
        LONG,
        BOOL,
        STRING_LIST,
        OBJECT,
        OBJECT_LIST,
        STRING_MAP
    }

    /** A body's known fields by path ({@code scope.filter.ip}), with what each holds. */
    public record Schema(Map<String, Kind> fields) {
        public Schema {
            fields = Map.copyOf(fields);
        }

        List<String> paths(Kind... kinds) {
            List<Kind> wanted = List.of(kinds);
            return fields.entrySet().stream()
                    .filter(e -> wanted.isEmpty() || wanted.contains(e.getValue()))
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList();
        }
    }

    /** A field set to a value the endpoint's rules refuse. */
    public record Bad(String path, J value) {}

    // ---------------------------------------------------------------------------------------------- strings

    /**
     * Legal strings that are hard on code: empty, blank, very long, right-to-left and zero-width marks, combining
     * marks, emoji (a surrogate pair), noncharacters, byte order marks, SQL LIKE wildcards and quotes, line breaks,
     * non-ASCII digits, and random text; never U+0000 or an unpaired surrogate.
     */
    public static Arbitrary<String> oddStrings() {
        return Arbitraries.frequencyOf(
                Tuple.of(
                        3,
                        Arbitraries.of(
                                "",
                                " ",
                                "\t\r\n",
                                "null",
                                "true",
                                "0",
                                "-1",
                                "\u202egnp.exe",
                                "a\u200bb\u200d",
                                "e\u0301\u0301\u0301",
                                "\ud83d\ude00\ud83c\udff3\ufe0f\u200d\ud83c\udf08",
                                "\ufffe\uffff\ufdd0",
                                "\ufeffbom",
                                "%_\\%",
                                "' OR '1'='1' --",
                                "\"}],{\"",
                                "../../etc/passwd",
                                "line\r\nInjected: header",
                                "\u0663\u0664\u0665",
                                "\u00c5ngstr\u00f6m",
                                "\u0130\u0131")),
                Tuple.of(1, Arbitraries.integers().between(1_000, 100_000).map("x"::repeat)),
                Tuple.of(1, Arbitraries.integers().between(256, 5_000).map("\u00e9"::repeat)),
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40).filter(StorableText::is)));
    }

    /** Strings holding U+0000 or an unpaired surrogate, which every endpoint refuses. */
    public static Arbitrary<String> unfitStrings() {
        Arbitrary<String> bad = Arbitraries.of("\u0000", "\ud800", "\udfff", "\udc00\ud800", "\ud83d");
        return Combinators.combine(
                        oddStrings().filter(s -> s.length() < 1_000),
                        bad,
                        oddStrings().filter(s -> s.length() < 1_000))
                .as((before, b, after) -> before + b + after);
    }

    /**
     * Strings holding U+0000, for URLs and forms: an unpaired surrogate cannot be sent there at all (UTF-8 has no
     * encoding for it; encoders put {@code ?} in its place).
     */
    public static Arbitrary<String> nulStrings() {
        return Combinators.combine(
                        oddStrings().filter(s -> s.length() < 1_000),
                        oddStrings().filter(s -> s.length() < 1_000))
                .as((before, after) -> before + "\u0000" + after);
    }

    // ---------------------------------------------------------------------------------------------- values

    /** Number literals at the edges: fractions, exponents, negative zero, and numbers no long or double holds. */
    public static Arbitrary<J> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                                "0",
                                "-0",
                                "0.0",
                                "1.5",
                                "-2.5",
                                "1e2",
                                "1E+2",
                                "4.9e-324",
                                "1e400",
                                "-1e400",
                                "2147483647",
                                "2147483648",
                                "-2147483649",
                                "9223372036854775807",
                                "9223372036854775808",
                                "-9223372036854775809",
                                "123456789012345678901234567890123456789012345678901234567890")
                        .map(J::num),
                Arbitraries.longs().map(l -> J.num(Long.toString(l))),
                Arbitraries.doubles().map(d -> J.num(Double.toString(d))));
    }

    /** Any JSON value (with legal strings), nested up to {@code depth}. */
    public static Arbitrary<J> junk(int depth) {
        Arbitrary<J> scalar = Arbitraries.oneOf(
                Arbitraries.just(J.nul()),
                Arbitraries.of(true, false).map(J::bool),
                numbers(),
                oddStrings().filter(s -> s.length() < 2_000).map(J::str));
        if (depth <= 0) {
            return scalar;
        }
        Arbitrary<J> inner = Arbitraries.lazy(() -> junk(depth - 1));
        Arbitrary<J> array = inner.list().ofMaxSize(4).map(J.Arr::new);
        Arbitrary<J> object = Combinators.combine(
                        Arbitraries.strings().alpha().ofMaxLength(12).list().ofMaxSize(4),
                        inner.list().ofSize(4))
                .as((names, values) -> {
                    J.Obj o = J.obj();
                    for (int i = 0; i < names.size(); i++) {
                        o = o.with(names.get(i), values.get(i));
                    }
                    return (J) o;
                });
        return Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(1, array), Tuple.of(1, object));
    }

    /** Values a field of that kind can never be bound from. */
    public static Arbitrary<J> wrongTypeFor(Kind kind) {
        Arbitrary<J> object = Arbitraries.of(J.obj(), J.obj().with("a", J.num("1")));
        Arbitrary<J> array = Arbitraries.of(J.arr(), J.arr(J.num("1")), J.strs("a", "b"));
        Arbitrary<J> word =
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(J::str);
        Arbitrary<J> fraction = Arbitraries.of("1.5", "0.5", "-2.25", "300.5", "1e400", "1E2", "9.0")
                .map(J::num);
        return switch (kind) {
            case STRING -> Arbitraries.oneOf(object, array);
            case INT ->
                Arbitraries.oneOf(
                        object,
                        array,
                        word,
                        fraction,
                        Arbitraries.of(true, false).map(J::bool),
                        Arbitraries.of("2147483648", "-2147483649", "99999999999999999999999")
                                .map(J::num));
            case LONG ->
                Arbitraries.oneOf(
                        object,
                        array,
                        word,
                        fraction,
                        Arbitraries.of(true, false).map(J::bool),
                        Arbitraries.of("9223372036854775808", "-99999999999999999999999")
                                .map(J::num));
            case BOOL ->
                Arbitraries.oneOf(
                        object,
                        array,
                        Arbitraries.of("maybe", "yes", "no", "tru").map(J::str));
            case STRING_LIST, OBJECT_LIST ->
                Arbitraries.oneOf(object, word, Arbitraries.of("1", "1.5").map(J::num));
            case OBJECT, STRING_MAP ->
                Arbitraries.oneOf(array, word, Arbitraries.of("1", "1.5").map(J::num));
        };
    }

    /** Text that is no JSON document at all. */
    public static Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "{",
                        "}",
                        "{'realm':'a'}",
                        "{realm:1}",
                        "/* comment */ {}",
                        "NaN",
                        "{\"a\":01}",
                        "{\"a\":.5}",
                        "{\"a\":+1}",
                        "{\"a\":NaN}",
                        "{\"a\":Infinity}",
                        "[1,]",
                        "{\"a\":1,}",
                        "\"unterminated",
                        "{\"a\":\"tab\there\"}",
                        "{\"a\":\"\\x41\"}",
                        "{\"a\":\"\\u12\"}",
                        "<xml/>",
                        "realm=demo&x=1",
                        "\u0000",
                        "{\"a\":tru}"),
                Arbitraries.strings()
                        .all()
                        .ofMinLength(1)
                        .ofMaxLength(200)
                        .filter(s -> !s.isBlank()
                                && "{[\"-0123456789tfn".indexOf(s.strip().charAt(0)) < 0));
    }

    // ---------------------------------------------------------------------------------------------- bodies

    /**
     * Bodies made from a valid one: noise (odd values in known string fields, unknown members) and then one thing
     * that makes the body unacceptable, whatever the noise did.
     */
    public static Arbitrary<String> unacceptable(Arbitrary<J.Obj> valid, Schema schema, Arbitrary<Bad> semantic) {
        Arbitrary<J.Obj> noisy = valid.flatMap(base -> noise(base, schema));
        return noisy.flatMap(body -> Arbitraries.frequencyOf(
                Tuple.of(4, wrongType(body, schema)),
                Tuple.of(2, nullElement(body, schema)),
                Tuple.of(2, unfit(body, schema)),
                Tuple.of(2, duplicate(body, schema)),
                Tuple.of(2, trailing(body)),
                Tuple.of(1, truncated(body)),
                Tuple.of(1, wrongRoot(false)),
                Tuple.of(1, garbage()),
                Tuple.of(1, deep(body, schema)),
                Tuple.of(
                        4,
                        semantic.map(bad -> set(body, bad.path(), bad.value()).text()))));
    }

    /** Bodies for an endpoint taking a JSON array of objects: the same, around an array. */
    public static Arbitrary<String> unacceptableArray(
            Arbitrary<J.Obj> validElement, Schema elementSchema, Arbitrary<Bad> semanticElement) {
        Arbitrary<List<J.Obj>> elements = validElement.list().ofMinSize(1).ofMaxSize(3);
        return elements.flatMap(list -> {
            J.Arr array = new J.Arr(new ArrayList<>(list));
            return Arbitraries.frequencyOf(
                    Tuple.of(
                            4,
                            Arbitraries.integers()
                                    .between(0, list.size() - 1)
                                    .flatMap(i -> wrongType(list.get(i), elementSchema)
                                            .map(bad -> replace(array, i, new J.Raw(bad)))
                                            .filter(JsonFuzz::looksLikeJson))),
                    Tuple.of(2, Arbitraries.just(array.plus(J.nul()).text())),
                    Tuple.of(
                            2,
                            Arbitraries.of(J.str("x"), J.num("1"), J.arr())
                                    .map(e -> array.plus(e).text())),
                    Tuple.of(2, trailing(array)),
                    Tuple.of(1, truncated(array)),
                    Tuple.of(1, wrongRoot(true)),
                    Tuple.of(1, garbage()),
                    Tuple.of(
                            4,
                            semanticElement.map(bad -> array.plus(set(list.get(0), bad.path(), bad.value()))
                                    .text())));
        });
    }

    private static boolean looksLikeJson(String s) {
        return !s.isEmpty();
    }

    private static String replace(J.Arr array, int index, J item) {
        List<J> items = new ArrayList<>(array.items());
        items.set(index, item);
        return new J.Arr(items).text();
    }

    private static Arbitrary<J.Obj> noise(J.Obj base, Schema schema) {
        List<String> strings = schema.paths(Kind.STRING);
        Arbitrary<J.Obj> withOddString = strings.isEmpty()
                ? Arbitraries.just(base)
                : Combinators.combine(Arbitraries.of(strings), oddStrings())
                        .as((path, value) -> set(base, path, J.str(value)));
        Arbitrary<J.Obj> withUnknown = withOddString.flatMap(o -> Combinators.combine(
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(16), junk(2))
                .as((name, value) -> schema.fields().containsKey(name) ? o : o.with(name, value)));
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(base)), Tuple.of(2, withOddString), Tuple.of(1, withUnknown));
    }

    private static Arbitrary<String> wrongType(J.Obj body, Schema schema) {
        return Arbitraries.of(schema.paths())
                .flatMap(path -> wrongTypeFor(schema.fields().get(path))
                        .map(value -> set(body, path, value).text()));
    }

    private static Arbitrary<String> nullElement(J.Obj body, Schema schema) {
        List<String> lists = schema.paths(Kind.STRING_LIST, Kind.OBJECT_LIST);
        if (lists.isEmpty()) {
            return wrongType(body, schema);
        }
        return Arbitraries.of(lists).map(path -> {
            J current = get(body, path);
            J.Arr list = current instanceof J.Arr a ? a : J.arr();
            return set(body, path, list.plus(J.nul())).text();
        });
    }

    private static Arbitrary<String> unfit(J.Obj body, Schema schema) {
        List<String> strings = schema.paths(Kind.STRING);
        Arbitrary<String> inValue = strings.isEmpty()
                ? Arbitraries.just(body.with("note", J.str("\u0000")).text())
                : Combinators.combine(Arbitraries.of(strings), unfitStrings())
                        .as((path, value) -> set(body, path, J.str(value)).text());
        Arbitrary<String> inName =
                unfitStrings().map(name -> body.with(name, J.num("1")).text());
        Arbitrary<String> inUnknown = unfitStrings()
                .map(value -> body.with("unknownField", J.str(value)).text());
        return Arbitraries.oneOf(inValue, inName, inUnknown);
    }

    private static Arbitrary<String> duplicate(J.Obj body, Schema schema) {
        return Combinators.combine(Arbitraries.of(schema.paths()), junk(1)).as((path, value) -> {
            int dot = path.lastIndexOf('.');
            String parent = dot < 0 ? "" : path.substring(0, dot);
            String name = path.substring(dot + 1);
            J.Obj holder = parent.isEmpty() ? body : get(body, parent) instanceof J.Obj o ? o : J.obj();
            J.Obj twice = holder.with(name, value).plus(name, value);
            return (parent.isEmpty() ? twice : set(body, parent, twice)).text();
        });
    }

    private static Arbitrary<String> trailing(J body) {
        return Arbitraries.of(" x", "}", "]", ",", " {}", " []", " null", " 1", "\"", "{", "\u0000", " //")
                .map(suffix -> body.text() + suffix);
    }

    /** The body cut short; never to nothing, which some endpoints take as {@code {}} (an RFC 8936 poll). */
    private static Arbitrary<String> truncated(J body) {
        String text = body.text();
        return Arbitraries.integers().between(1, text.length() - 1).map(n -> text.substring(0, n));
    }

    private static Arbitrary<String> wrongRoot(boolean arrayExpected) {
        Arbitrary<J> scalars = Arbitraries.oneOf(
                Arbitraries.just(J.nul()),
                Arbitraries.of(true, false).map(J::bool),
                numbers(),
                oddStrings().filter(s -> s.length() < 1_000).map(J::str));
        Arbitrary<J> containers = arrayExpected
                ? Arbitraries.of(J.obj(), J.obj().with("privilege", J.str("AUDITOR")))
                : junk(2).list().ofMaxSize(3).map(J.Arr::new);
        return Arbitraries.oneOf(scalars, containers).map(J::text);
    }

    private static Arbitrary<String> deep(J.Obj body, Schema schema) {
        return Combinators.combine(
                        Arbitraries.of(schema.paths()),
                        Arbitraries.integers().between(20, 3_000),
                        Arbitraries.of(true, false))
                .as((path, depth, arrays) -> {
                    String open = arrays ? "[" : "{\"a\":";
                    String close = arrays ? "]" : "}";
                    String nested = open.repeat(depth) + "1" + close.repeat(depth);
                    return set(body, path, new J.Raw(nested)).text();
                });
    }

    // ---------------------------------------------------------------------------------------------- paths

    /** {@code root} with the member at {@code path} (dotted) set; missing objects on the way are created. */
    public static J.Obj set(J.Obj root, String path, J value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return root.with(path, value);
        }
        String head = path.substring(0, dot);
        J child = root.get(head);
        J.Obj inner = child instanceof J.Obj o ? o : J.obj();
        return root.with(head, set(inner, path.substring(dot + 1), value));
    }

    static J get(J.Obj root, String path) {
        J current = root;
        for (String part : path.split("\\.")) {
            if (!(current instanceof J.Obj o)) {
                return null;
            }
            current = o.get(part);
        }
        return current;
    }
}
