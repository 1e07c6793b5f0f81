package dev.curfew.store.jdbc;

/**
 * Clean-up deletes in batches: it selects up to {@code limit} keys, then deletes those rows by key, so that
 * no call holds long locks or builds a huge transaction however much has expired.
 */
final class Batch {
    /** Keys are bound one parameter each, and PostgreSQL takes at most 65,535 parameters per statement. */
    static final int MAX_LIMIT = 10_000;

    private Batch() {}

    /**
     * How many rows an {@code INSERT ... ON CONFLICT DO NOTHING} batch added: a row counts unless its count is 0.
     * JDBC drivers may answer SUCCESS_NO_INFO (-2) for a batched row; that counts as added.
     */
    static int added(int[] counts) {
        int n = 0;
        for (int count : counts) {
            n += count == 0 ? 0 : 1;
        }
        return n;
    }

    static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }
}
