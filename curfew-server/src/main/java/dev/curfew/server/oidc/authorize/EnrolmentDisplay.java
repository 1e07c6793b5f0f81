package dev.curfew.server.oidc.authorize;

import dev.curfew.engine.otp.OtpService;
import dev.curfew.server.qr.QrCode;
import dev.curfew.server.qr.QrSvg;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How an authenticator's enrolment is shown, in the login and in the account console alike: the key URI as a QR code
 * rendered here as SVG (nothing leaves the server), and the secret as text in groups of four to type by hand.
 */
public final class EnrolmentDisplay {
    private static final int QR_PIXELS = 232;

    private EnrolmentDisplay() {}

    public static String qrSvg(OtpService.Enrolment enrolment) {
        return QrSvg.render(
                QrCode.encode(enrolment.keyUri().getBytes(StandardCharsets.UTF_8)),
                QR_PIXELS,
                "QR code to scan with your authenticator app");
    }

    /** {@code JBSW Y3DP …}: the base32 secret in groups of four letters. */
    public static String secretGroups(String secret) {
        return IntStream.range(0, (secret.length() + 3) / 4)
                .mapToObj(i -> secret.substring(4 * i, Math.min(secret.length(), 4 * i + 4)))
                .collect(Collectors.joining(" "));
    }
}
