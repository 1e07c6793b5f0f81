package dev.curfew.engine.delivery;

import dev.curfew.core.delivery.Delivery;
import java.util.Map;

/** Turns a stored notification of one kind into the request of one delivery attempt. */
@FunctionalInterface
public interface Renderer {
    String body(Delivery delivery);

    /** The request of one attempt: its body and the headers it needs beyond {@code Content-Type}. */
    record Request(String body, Map<String, String> headers) {}

    /** By default the body alone; a kind whose receivers expect more headers (say, Authorization) overrides this. */
    default Request render(Delivery delivery) {
        return new Request(body(delivery), Map.of());
    }

    /** Thrown by a renderer when the notification can never be sent (its destination is gone): it becomes dead. */
    final class Undeliverable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Undeliverable(String reason) {
            super(reason);
        }
    }
}
