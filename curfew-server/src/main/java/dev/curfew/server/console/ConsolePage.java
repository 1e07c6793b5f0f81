package dev.curfew.server.console;

/** A console page or form action, run for a signed-in administrator. */
@FunctionalInterface
public interface ConsolePage {
    void handle(ConsoleRequest request) throws Exception;
}
