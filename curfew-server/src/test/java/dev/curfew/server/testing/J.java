package dev.curfew.server.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON text as a fuzzer writes it: unlike a {@code JsonNode}, an object may repeat a name and a string may hold an
 * unpaired surrogate, and {@link Raw} puts text in verbatim, so malformed documents can be built as easily as
 * well-formed ones. {@link #text()} escapes every control character and every surrogate, so what the server decodes
 * is exactly what was built, whatever the transport's encoding does with lone surrogates.
 */
public sealed interface J {
    String text();

    static J str(String value) {
        return new Str(value);
    }

    static J num(String literal) {
        return new Num(literal);
    }

    static J bool(boolean value) {
        return new Bool(value);
    }

    static J nul() {
        return new Null();
    }

    static Arr arr(J... items) {
        return new Arr(List.of(items));
    }

    static Arr strs(String... items) {
        return new Arr(List.of(items).stream().map(J::str).toList());
    }

    static Obj obj() {
        return new Obj(List.of());
    }

    record Null() implements J {
        @Override
        public String text() {
            return "null";
        }
    }

    record Bool(boolean value) implements J {
        @Override
        public String text() {
            return Boolean.toString(value);
        }
    }

    /** A number literal, written as given ({@code 1.5}, {@code 1e400}, {@code 123456789012345678901234567890}). */
    record Num(String literal) implements J {
        @Override
        public String text() {
            return literal;
        }
    }

    record Str(String value) implements J {
        @Override
        public String text() {
            return quote(value);
        }
    }

    record Arr(List<J> items) implements J {
        public Arr {
            items = List.copyOf(items);
        }

        public Arr plus(J item) {
            List<J> more = new ArrayList<>(items);
            more.add(item);
            return new Arr(more);
        }

        @Override
        public String text() {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                b.append(i == 0 ? "" : ",").append(items.get(i).text());
            }
            return b.append(']').toString();
        }
    }

    record Member(String name, J value) {}

    /** An object: its members in order, names possibly repeated. */
    record Obj(List<Member> members) implements J {
        public Obj {
            members = List.copyOf(members);
        }

        /** With {@code name} set to {@code value}: the first member of that name replaced, or one added. */
        public Obj with(String name, J value) {
            List<Member> changed = new ArrayList<>(members);
            for (int i = 0; i < changed.size(); i++) {
                if (changed.get(i).name().equals(name)) {
                    changed.set(i, new Member(name, value));
                    return new Obj(changed);
                }
            }
            changed.add(new Member(name, value));
            return new Obj(changed);
        }

        /** With one more member, even when the name is taken (a duplicate name). */
        public Obj plus(String name, J value) {
            List<Member> more = new ArrayList<>(members);
            more.add(new Member(name, value));
            return new Obj(more);
        }

        public J get(String name) {
            return members.stream()
                    .filter(m -> m.name().equals(name))
                    .map(Member::value)
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public String text() {
            StringBuilder b = new StringBuilder("{");
            for (int i = 0; i < members.size(); i++) {
                b.append(i == 0 ? "" : ",")
                        .append(quote(members.get(i).name()))
                        .append(':')
                        .append(members.get(i).value().text());
            }
            return b.append('}').toString();
        }
    }

    /** Text put in as it is: not necessarily JSON. */
    record Raw(String text) implements J {}

    /** RFC 8259 §7, escaping control characters and surrogates as {@code \\uXXXX}. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
