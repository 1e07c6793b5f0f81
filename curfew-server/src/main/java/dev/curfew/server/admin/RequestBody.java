package dev.curfew.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.curfew.engine.json.Json;
import dev.curfew.server.http.JsonBodies;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.StorableText;
import io.javalin.http.Context;
import java.util.Collection;
import java.util.Map;

/**
 * Reads an admin request body with the one strict JSON mapper ({@link Json}: unknown fields ignored; duplicate
 * names, data after the value, fractions for whole numbers and {@code null} list elements refused). What is wrong
 * is answered with a 400 naming the field by its JSON path ({@code credentials[0].value}), rather than the 500 a
 * raw Jackson exception would become.
 */
public final class RequestBody {
    private RequestBody() {}

    public static <T> T read(Context ctx, Class<T> type) {
        return read(ctx, Json.MAPPER.constructType(type));
    }

    public static <T> T read(Context ctx, TypeReference<T> type) {
        return read(ctx, Json.MAPPER.constructType(type));
    }

    private static <T> T read(Context ctx, JavaType type) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw Problem.badRequest("The request needs a JSON body");
        }
        JsonNode tree;
        try {
            tree = JsonBodies.parse(body);
        } catch (JsonBodies.Malformed e) {
            throw Problem.badRequest(e.getMessage());
        }
        JsonBodies.unfitString(tree).ifPresent(field -> {
            throw field.isEmpty()
                    ? Problem.badRequest("The request body " + StorableText.REASON)
                    : FieldProblems.single(field, StorableText.REASON);
        });
        T value;
        try {
            value = Json.MAPPER.treeToValue(tree, type);
        } catch (InvalidNullException e) {
            String field = path(e);
            throw field.isEmpty()
                    ? Problem.badRequest("The request body must not hold null here")
                    : FieldProblems.single(field, "must not be null");
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw Problem.badRequest("The request body must be " + expected(e.getTargetType()));
            }
            throw FieldProblems.single(field, "must be " + expected(e.getTargetType()));
        } catch (JsonMappingException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw Problem.badRequest("The request body does not fit this call: " + e.getOriginalMessage());
            }
            throw FieldProblems.single(field, "has a value that does not fit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw Problem.badRequest("The request body does not fit this call: " + e.getOriginalMessage());
        }
        if (value == null) {
            throw Problem.badRequest("The request body must not be null");
        }
        return value;
    }

    /** {@code credentials[0].value} from Jackson's path of field names and array indexes. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "of another type";
    }
}
