package dev.curfew.server.ops;

import dev.curfew.core.store.Store;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

/** Operations endpoints: liveness, readiness (the database answers) and Prometheus metrics. */
public final class OpsRoutes {
    private final Store store;
    private final PrometheusMeterRegistry registry;

    public OpsRoutes(Store store, PrometheusMeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    public void register(RoutesConfig routes) {
        routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        routes.get("/health/ready", ctx -> {
            boolean up = store.isHealthy();
            ctx.status(up ? 200 : 503)
                    .json(Map.of("status", up ? "UP" : "DOWN", "checks", Map.of("database", up ? "UP" : "DOWN")));
        });
        routes.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(registry.scrape()));
    }
}
