package dev.curfew.server.console.view;

/** Numbers in sentences: "1 client", "2 clients", never "1 clients". */
public final class Words {
    private Words() {}

    /** {@code n} followed by {@code one} when it is 1, else by {@code many}. */
    public static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** The noun alone, for sentences that show the number elsewhere. */
    public static String noun(long n, String one, String many) {
        return n == 1 ? one : many;
    }
}
