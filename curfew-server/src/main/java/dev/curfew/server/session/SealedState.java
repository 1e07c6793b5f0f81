package dev.curfew.server.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A console session's state as the database keeps it: JSON sealed with AES-256-GCM under a key derived from the
 * random secret the browser holds in its cookie (HMAC-SHA256 of a fixed label, keyed by the secret), the row's key
 * (the secret's SHA-256) as associated data. The database holds neither the secret nor anything it can open
 * without it: reading the table gives no console session, and no administrator's tokens.
 */
public final class SealedState {
    private static final String LABEL = "curfew console session state v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedState() {}

    /** The row key of a secret: its SHA-256, so a lookup never needs the secret at rest. */
    public static String idHash(String secret) {
        return Secrets.sha256(secret);
    }

    /** {@code state} as JSON, sealed for {@code secret}: base64url of nonce and ciphertext. */
    public static String seal(String secret, Object state) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, secret, nonce);
            byte[] sealed = cipher.doFinal(Json.MAPPER.writeValueAsBytes(state));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("could not seal a console session's state", e);
        }
    }

    /** The state sealed for {@code secret}, or empty when it was not (another secret, or altered). */
    public static <T> Optional<T> open(String secret, String data, Class<T> type) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(data);
            if (bytes.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            byte[] nonce = java.util.Arrays.copyOf(bytes, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, secret, nonce);
            byte[] json = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Optional.of(Json.MAPPER.readValue(json, type));
        } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static Cipher cipher(int mode, String secret, byte[] nonce) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] key = mac.doFinal(LABEL.getBytes(StandardCharsets.US_ASCII));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(idHash(secret).getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }
}
