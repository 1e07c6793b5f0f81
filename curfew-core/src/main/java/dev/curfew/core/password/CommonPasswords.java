package dev.curfew.core.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The bundled list of common passwords that the policy {@code notCommon} refuses: {@code common-passwords.txt} next to
 * this class (its header says where the list comes from). Read once, on first use, into a set of about 12,000
 * entries (well under a megabyte); compared ignoring case.
 */
public final class CommonPasswords {
    private static final String RESOURCE = "common-passwords.txt";

    private CommonPasswords() {}

    /** Whether the password, ignoring case, is in the list. */
    public static boolean contains(String password) {
        return Holder.LIST.contains(password.toLowerCase(Locale.ROOT));
    }

    /** How many passwords the list holds. */
    public static int size() {
        return Holder.LIST.size();
    }

    /** Loaded when first asked for, by the class loader's lazy initialisation (safe under concurrency). */
    private static final class Holder {
        static final Set<String> LIST = load();

        private static Set<String> load() {
            try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the class path");
                }
                Set<String> list = new HashSet<>();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        list.add(line.toLowerCase(Locale.ROOT));
                    }
                }
                return Set.copyOf(list);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
