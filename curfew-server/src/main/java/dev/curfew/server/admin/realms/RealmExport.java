package dev.curfew.server.admin.realms;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.client.Client;
import dev.curfew.core.group.Group;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.Store;
import dev.curfew.core.store.UserQuery;
import dev.curfew.core.user.User;
import dev.curfew.engine.json.Json;
import dev.curfew.server.admin.clients.ClientRepresentation;
import dev.curfew.server.admin.groups.GroupRepresentation;
import dev.curfew.server.admin.users.UserRepresentation;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A realm as JSON, for a migration or a record: Keycloak's partial-export shape — the realm representation with
 * {@code clients} and {@code groups} — and, Curfew's own, {@code users} with their groups and required actions. No
 * secret of any kind is written: client secrets, password hashes, authenticator secrets, signing keys stay behind (a
 * confidential client needs a new secret where it is imported; users set their passwords anew or are given temporary
 * ones). Written as it is read, a page of users at a time, so a large realm's export is not held in memory.
 */
public final class RealmExport {
    /** Users, clients or groups read per query. */
    static final int BATCH = 500;

    /** What goes in besides the realm. */
    public record Options(boolean clients, boolean groups, boolean users) {}

    /** How many of each the export holds. */
    public record Counts(int clients, int groups, long users) {}

    private final Store store;

    public RealmExport(Store store) {
        this.store = store;
    }

    /** Writes the export of {@code realm} to {@code out} (left open). */
    public Counts write(Realm realm, Options options, OutputStream out) throws IOException {
        int clients = 0;
        int groups = 0;
        long users = 0;
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            JsonNode rep = Json.MAPPER.valueToTree(RealmRepresentation.of(realm));
            for (Map.Entry<String, JsonNode> field : rep.properties()) {
                json.writeFieldName(field.getKey());
                json.writeTree(field.getValue());
            }
            if (options.clients()) {
                json.writeArrayFieldStart("clients");
                for (int first = 0; ; first += BATCH) {
                    List<Client> page = store.clients().list(realm.id(), Optional.empty(), new Page(first, BATCH));
                    for (Client client : page) {
                        json.writeObject(ClientRepresentation.of(client));
                        clients++;
                    }
                    if (page.size() < BATCH) {
                        break;
                    }
                }
                json.writeEndArray();
            }
            if (options.groups()) {
                json.writeArrayFieldStart("groups");
                for (int first = 0; ; first += BATCH) {
                    List<Group> page = store.groups().list(realm.id(), Optional.empty(), new Page(first, BATCH));
                    for (Group group : page) {
                        json.writeObject(GroupRepresentation.of(group));
                        groups++;
                    }
                    if (page.size() < BATCH) {
                        break;
                    }
                }
                json.writeEndArray();
            }
            if (options.users()) {
                json.writeArrayFieldStart("users");
                for (int first = 0; ; first += BATCH) {
                    List<User> page = store.users().search(UserQuery.all(realm.id(), new Page(first, BATCH)));
                    for (User user : page) {
                        writeUser(json, realm, user);
                        users++;
                    }
                    if (page.size() < BATCH) {
                        break;
                    }
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        return new Counts(clients, groups, users);
    }

    /** The user as {@code GET .../users/{id}} shows them, with the paths of their groups. */
    private void writeUser(JsonGenerator json, Realm realm, User user) throws IOException {
        JsonNode rep = Json.MAPPER.valueToTree(
                UserRepresentation.of(user, store.users().requiredActions(user.id())));
        json.writeStartObject();
        for (Map.Entry<String, JsonNode> field : rep.properties()) {
            json.writeFieldName(field.getKey());
            json.writeTree(field.getValue());
        }
        json.writeArrayFieldStart("groups");
        for (Group group : store.groups().groupsOf(realm.id(), user.id())) {
            json.writeString(group.path());
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
