package dev.curfew.server.admin.sessions;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.Store;
import dev.curfew.engine.json.Json;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.signout.FilterInput;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET /admin/realms/{realm}/sessions/report?format=csv|json} and the filter parameters of the session
 * search: every matching session at once, for an audit or a compliance record — as JSON, or as CSV (RFC 4180) to
 * open in a spreadsheet. Written out in batches as it is read, so a large realm's report holds only one batch in
 * memory; {@code total} (JSON) comes last, counted as written.
 */
public final class SessionReportEndpoint implements RealmHandler {
    private static final int BATCH = Page.MAX_PAGE_SIZE;
    private static final String CSV_HEADER =
            "id,username,userId,ipAddress,start,lastAccess,clients,userAgent,authMethods\r\n";

    private final Store store;
    private final SessionViews views;
    private final Clock clock;

    public SessionReportEndpoint(Store store, SessionViews views, Clock clock) {
        this.store = store;
        this.views = views;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) throws IOException {
        FieldProblems problems = new FieldProblems();
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        if (!format.equals("json") && !format.equals("csv")) {
            problems.add("format", "must be csv or json");
        }
        SessionFilter filter = FilterInput.fromQuery(ctx).toFilter(realm, store, "", problems);
        problems.throwIfAny();
        Instant now = clock.instant();
        // Pages are read newest first by offset: a session started while the report is written would shift every
        // later page by one. The report is of the sessions that existed when it was asked for.
        Instant asOf = now.plusMillis(1);
        if (filter.createdBefore().map(asOf::isBefore).orElse(true)) {
            filter = filter.withCreatedBefore(Optional.of(asOf));
        }
        SessionFilter snapshot = filter;
        if (format.equals("csv")) {
            String name = "sessions-" + realm.name() + "-" + now.getEpochSecond() + ".csv";
            ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
            ctx.contentType("text/csv; charset=utf-8");
            try (Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
                out.write(CSV_HEADER);
                forEachBatch(realm, snapshot, batch -> out.write(csv(batch)));
            }
        } else {
            ctx.contentType("application/json");
            try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(ctx.outputStream())) {
                json.writeStartObject();
                json.writeStringField("realm", realm.name());
                json.writeStringField("generatedAt", now.toString());
                json.writeArrayFieldStart("sessions");
                long total = forEachBatch(realm, snapshot, batch -> {
                    for (UserSessionRepresentation session : batch) {
                        json.writeObject(session);
                    }
                });
                json.writeEndArray();
                json.writeNumberField("total", total);
                json.writeEndObject();
            }
        }
    }

    private interface BatchWriter {
        void write(List<UserSessionRepresentation> batch) throws IOException;
    }

    /** Reads the matching sessions a batch at a time, the valid ones to {@code writer}. @return how many */
    private long forEachBatch(Realm realm, SessionFilter filter, BatchWriter writer) throws IOException {
        long written = 0;
        for (int first = 0; ; first += BATCH) {
            List<UserSession> batch =
                    store.sessions().find(new SessionQuery(realm.id(), filter, new Page(first, BATCH)));
            List<UserSessionRepresentation> valid = views.valid(realm, batch);
            writer.write(valid);
            written += valid.size();
            if (batch.size() < BATCH) {
                return written;
            }
        }
    }

    /** The CSV rows of the sessions, each ending with CRLF (RFC 4180 §2). */
    static String csv(List<UserSessionRepresentation> sessions) {
        StringBuilder out = new StringBuilder();
        for (UserSessionRepresentation s : sessions) {
            List<String> cells = List.of(
                    s.id(),
                    s.username(),
                    s.userId(),
                    s.ipAddress(),
                    Instant.ofEpochMilli(s.start()).toString(),
                    Instant.ofEpochMilli(s.lastAccess()).toString(),
                    s.clients().values().stream().sorted().collect(Collectors.joining(" ")),
                    s.userAgent(),
                    String.join(" ", s.authMethods()));
            out.append(cells.stream().map(SessionReportEndpoint::cell).collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return out.toString();
    }

    /**
     * One CSV field (RFC 4180 §2): quoted when it holds a comma, quote or line break, quotes doubled. A field a
     * spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a carriage return) gets a leading
     * apostrophe: user agents are chosen by whoever signs in.
     */
    static String cell(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
