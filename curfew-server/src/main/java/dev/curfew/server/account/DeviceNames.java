package dev.curfew.server.account;

import java.util.List;
import java.util.Locale;

/**
 * A short, human name for the device behind a user agent, such as "Firefox on Windows". Only the common
 * browsers and systems are named; the order of the checks matters because user agents borrow each
 * other's tokens (Edge says Chrome and Safari, Chrome says Safari, Android says Linux).
 */
public final class DeviceNames {
    private record Token(String contains, String name) {}

    private static final List<Token> BROWSERS = List.of(
            new Token("edg/", "Edge"),
            new Token("opr/", "Opera"),
            new Token("firefox/", "Firefox"),
            new Token("headlesschrome/", "Chrome (headless)"),
            new Token("chrome/", "Chrome"),
            new Token("crios/", "Chrome"),
            new Token("safari/", "Safari"),
            new Token("curl/", "curl"),
            new Token("java-http-client", "Java HTTP client"));

    private static final List<Token> SYSTEMS = List.of(
            new Token("android", "Android"),
            new Token("iphone", "iOS"),
            new Token("ipad", "iPadOS"),
            new Token("cros", "ChromeOS"),
            new Token("windows", "Windows"),
            new Token("mac os x", "macOS"),
            new Token("linux", "Linux"));

    private DeviceNames() {}

    public static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown device";
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        String browser = first(BROWSERS, ua);
        String system = first(SYSTEMS, ua);
        if (browser.isEmpty() && system.isEmpty()) {
            return "Unknown device";
        }
        if (browser.isEmpty()) {
            return "Browser on " + system;
        }
        return system.isEmpty() ? browser : browser + " on " + system;
    }

    private static String first(List<Token> tokens, String ua) {
        return tokens.stream()
                .filter(t -> ua.contains(t.contains()))
                .map(Token::name)
                .findFirst()
                .orElse("");
    }
}
