package dev.curfew.store;

/** What opening a database did to its schema. */
public enum SchemaCheck {
    /**
     * The schema history lists exactly the migrations this version carries, each applied successfully with the same
     * checksum and description: nothing to do, and Flyway is not run.
     */
    CURRENT,
    /** Flyway checked the history against the migrations and applied those missing (maybe none). */
    MIGRATED
}
