package dev.curfew.server.delivery;

import dev.curfew.core.delivery.Delivery;

/** Turns a stored notification of one kind into the request body of one delivery attempt. */
@FunctionalInterface
public interface Renderer {
    String body(Delivery delivery);
}
