package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.view.When;

/** A user as the console's pages show them, read from the admin API's representation. */
public record UserView(
        String id, String username, String email, String firstName, String lastName, boolean enabled, When created) {

    static UserView of(JsonNode u) {
        return new UserView(
                u.path("id").asText(),
                u.path("username").asText(),
                u.path("email").asText(""),
                u.path("firstName").asText(""),
                u.path("lastName").asText(""),
                u.path("enabled").asBoolean(),
                When.millis(u.path("createdTimestamp").asLong()));
    }

    /** First and last name, as far as they are known. */
    public String fullName() {
        return (firstName + " " + lastName).strip();
    }
}
