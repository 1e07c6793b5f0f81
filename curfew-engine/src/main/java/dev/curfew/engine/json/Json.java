package dev.curfew.engine.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Map;

/**
 * The one JSON mapper: unknown fields ignored (Keycloak clients send many), empty values left out, and strict
 * about what RFC 8259 leaves open or a lenient parser would guess at: a body is one JSON value with nothing after
 * it (§2), an object's names are unique (§4: with duplicates "the behavior ... is unpredictable"), a fraction is
 * no whole number (Jackson would drop {@code .5}), and a list has no {@code null} elements. Map values may be
 * {@code null}: in Keycloak's client {@code attributes}, that clears an attribute.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, true)
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
            .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
            .withConfigOverride(Map.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.SET)))
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
            .build();

    private Json() {}
}
