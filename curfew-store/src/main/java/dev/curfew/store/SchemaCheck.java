package dev.curfew.store;

/** What opening a database did to its schema. */
public enum SchemaCheck {
    /**
     * The schema history lists exactly the migrations this version carries, each applied successfully with the same
     * checksum and description: nothing to do, and Flyway is not run.
     */
    CURRENT,
    /** Flyway checked the history against the migrations and applied those missing (maybe none). */
    MIGRATED,
    /**
     * A new H2 file database, made as a copy of the empty database this version's build migrated ({@link
     * SchemaTemplate}); its history was then found current, as for {@link #CURRENT}.
     */
    NEW_FROM_TEMPLATE
}
