package dev.curfew.core.session;

/** Offset paging as the admin API exposes it ({@code first}, {@code max}). */
public record Page(int first, int max) {
    public static final int MAX_PAGE_SIZE = 1000;
    public static final Page DEFAULT = new Page(0, 100);

    public Page {
        if (first < 0) {
            throw new IllegalArgumentException("first must be 0 or more");
        }
        if (max < 1 || max > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("max must be between 1 and " + MAX_PAGE_SIZE);
        }
    }
}
