package dev.curfew.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.e2e.support.CurfewProcess;
import dev.curfew.server.testing.Chrome;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;

/**
 * Two-factor authentication in a real Chromium against the jar started with {@code --demo}: alice opens the account
 * console's two-factor page, a real QR decoder — the npm package {@code jsqr} (pinned in {@code
 * src/test/node/package-lock.json}, installed by {@code npm ci} in the build) — reads the QR code exactly as Chromium
 * rendered it (a screenshot of the element), the decoded key URI carries the secret the page shows, a code computed
 * from it (RFC 6238) turns two-factor on, and the next login asks for a code and accepts one.
 */
@DisplayName("Two-factor authentication: enrolment by QR code in Chromium, then a login with a code")
class TwoFactorEnrolmentIT {
    private static final Pattern ALICE = Pattern.compile("^\\s+user alice / password (\\S+)$");
    private static final Pattern KEY_URI = Pattern.compile(
            "otpauth://totp/Demo(%20[^:]*)?:alice\\?secret=([A-Z2-7]{32})&issuer=[^&]+&algorithm=SHA1&digits=6&period=30");

    @TempDir
    Path dataDir;

    @Test
    @DisplayName(
            "jsQR decodes the enrolment page's QR code to the key URI; its code enrols, and the next login asks for one")
    void enrolByQrCodeThenSignInWithACode() throws Exception {
        Path jsQr = Path.of(System.getProperty("curfew.e2e.node.dir", "src/test/node"))
                .toAbsolutePath()
                .normalize()
                .resolve("node_modules/jsqr/dist/jsQR.js");
        assertThat(jsQr)
                .as("jsqr must be installed by the build's `npm ci` (pre-integration-test)")
                .exists();

        try (CurfewProcess curfew = CurfewProcess.startDemo(dataDir, "e2e-" + UUID.randomUUID());
                Chrome chrome = Chrome.start()) {
            String password = curfew.output()
                    .require(ALICE, Duration.ofSeconds(10), "alice's demo password")
                    .group(1);
            String console = curfew.baseUrl() + "/realms/demo/account";

            chrome.open(console);
            signIn(chrome, password);
            chrome.waitFor("h1");
            chrome.open(console + "/two-factor");
            chrome.waitFor("#otp-qr svg");
            chrome.screenshot("account-two-factor-enrolment");

            String shown = chrome.find("#otp-secret").getText().replace(" ", "");
            String png = chrome.find("#otp-qr svg").getScreenshotAs(OutputType.BASE64);
            String decoded = decode(chrome.driver(), Files.readString(jsQr), png);
            var uri = KEY_URI.matcher(decoded);
            assertThat(uri.matches()).as("decoded: %s", decoded).isTrue();
            assertThat(uri.group(2)).isEqualTo(shown);

            byte[] secret = base32(shown);
            long step = Instant.now().getEpochSecond() / 30;
            chrome.fill("#otp-code", totp(secret, step));
            chrome.find("#confirm-otp").click();
            chrome.waitFor("#recovery-codes");
            assertThat(chrome.driver().findElements(org.openqa.selenium.By.cssSelector("#recovery-codes li")))
                    .hasSize(10);
            chrome.screenshot("account-two-factor-recovery-codes");

            chrome.find("#sign-out-this-device").click();
            chrome.waitForUrl("/signed-out");
            chrome.open(console);
            signIn(chrome, password);
            chrome.waitFor("#otp");
            chrome.screenshot("login-two-factor-code");
            // The enrolment used this step's code, and each step's code is accepted once: the app's next code (RFC
            // 6238 §5.2 accepts one step ahead, for clocks that run fast).
            chrome.fill("#otp", totp(secret, step + 1));
            chrome.find("#verify-otp").click();
            chrome.waitFor("#sign-out-this-device");
            assertThat(chrome.url()).startsWith(console);
        }
    }

    private static void signIn(Chrome chrome, String password) {
        chrome.waitFor("#password");
        chrome.fill("#username", "alice");
        chrome.fill("#password", password);
        chrome.find("#sign-in").click();
    }

    /**
     * Decodes a PNG with jsQR in a blank tab of the same browser (no page's Content-Security-Policy applies there):
     * the PNG is drawn on a canvas, whose pixels jsQR reads.
     */
    private static String decode(WebDriver driver, String jsQrSource, String pngBase64) {
        String page = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        try {
            driver.get("about:blank");
            Object result = ((JavascriptExecutor) driver)
                    .executeAsyncScript(
                            "var done = arguments[arguments.length - 1];"
                                    + "var module = {exports: {}}; var exports = module.exports;"
                                    + jsQrSource
                                    + "\nvar jsQR = module.exports.default || module.exports;"
                                    + "var image = new Image();"
                                    + "image.onload = function () {"
                                    + "  var canvas = document.createElement('canvas');"
                                    + "  canvas.width = image.width; canvas.height = image.height;"
                                    + "  var context = canvas.getContext('2d');"
                                    + "  context.drawImage(image, 0, 0);"
                                    + "  var pixels = context.getImageData(0, 0, image.width, image.height);"
                                    + "  var code = jsQR(pixels.data, image.width, image.height);"
                                    + "  done(code ? code.data : 'NOT DECODED');"
                                    + "};"
                                    + "image.onerror = function () { done('NOT AN IMAGE'); };"
                                    + "image.src = 'data:image/png;base64,' + arguments[0];",
                            pngBase64);
            return String.valueOf(result);
        } finally {
            driver.close();
            driver.switchTo().window(page);
        }
    }

    /** RFC 6238 with its defaults: HMAC-SHA-1 of the step, dynamic truncation (RFC 4226 §5.3), six digits. */
    private static String totp(byte[] secret, long step) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret, "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        int offset = hash[hash.length - 1] & 0x0F;
        int binary = ((hash[offset] & 0x7F) << 24)
                | ((hash[offset + 1] & 0xFF) << 16)
                | ((hash[offset + 2] & 0xFF) << 8)
                | (hash[offset + 3] & 0xFF);
        return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
    }

    /** RFC 4648 §6 base32, without padding. */
    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xFF);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
