package dev.curfew.engine.password;

import dev.curfew.core.password.PasswordHasher;
import dev.curfew.core.util.AsciiNumbers;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (RFC 9106) with Bouncy Castle, encoded in the PHC string format so each
 * hash records its own parameters: {@code $argon2id$v=19$m=7168,t=5,p=1$<salt>$<hash>}.
 *
 * <p>Defaults are one of the five settings the OWASP Password Storage Cheat Sheet gives as equally strong for
 * Argon2id: 7 MiB of memory, five iterations, one lane (also Keycloak's default). The 19 MiB / two iterations
 * setting costs the same computation but needs almost three times the memory per hash. A hash made with other
 * parameters still verifies, and is re-hashed with these at the next sign-in.
 *
 * <p>The memory of a hash is kept for the next one ({@link Argon2Memory}): one hash's worth per core, as many as the
 * hashing pool runs at once by default, and for as long as passwords are being checked (it is dropped after a minute
 * to two without a hash). Allocated anew for every hash, as Bouncy Castle does by itself, it made the collector copy
 * the blocks of hashes in progress (bench/README.md, "Password hashing and the heap").
 */
public final class Argon2idPasswordHasher implements PasswordHasher {
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    /** Argon2id parameters: memory in KiB, iterations, parallelism. */
    public record Parameters(int memoryKiB, int iterations, int parallelism) {
        public static final Parameters OWASP = new Parameters(7 * 1024, 5, 1);

        public Parameters {
            if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("invalid Argon2id parameters");
            }
        }
    }

    private final Parameters parameters;
    private final SecureRandom random = new SecureRandom();
    private final Argon2Memory memory;

    public Argon2idPasswordHasher(Parameters parameters) {
        this.parameters = parameters;
        this.memory = new Argon2Memory(
                Runtime.getRuntime().availableProcessors(),
                Argon2BytesGenerator.getBlockCount(parameters.memoryKiB(), parameters.parallelism()));
    }

    public Argon2idPasswordHasher() {
        this(Parameters.OWASP);
    }

    public Parameters parameters() {
        return parameters;
    }

    @Override
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return encode(salt, derive(password, salt, parameters, HASH_BYTES));
    }

    /**
     * Random bytes where the hash would be, with the current parameters and a fresh salt: verifying a password against
     * it derives as much as against a real hash, and no password matches it but with the chance of guessing 32 random
     * bytes. Costs no derivation, so nothing is hashed at start for it.
     */
    @Override
    public String decoy() {
        byte[] salt = new byte[SALT_BYTES];
        byte[] hash = new byte[HASH_BYTES];
        random.nextBytes(salt);
        random.nextBytes(hash);
        return encode(salt, hash);
    }

    private String encode(byte[] salt, byte[] hash) {
        return "$argon2id$v=19$m=" + parameters.memoryKiB() + ",t=" + parameters.iterations() + ",p="
                + parameters.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    @Override
    public boolean verify(char[] password, String encodedHash) {
        Optional<Decoded> decoded = decode(encodedHash);
        if (decoded.isEmpty()) {
            return false;
        }
        Decoded d = decoded.get();
        byte[] actual = derive(password, d.salt(), d.parameters(), d.hash().length);
        return MessageDigest.isEqual(actual, d.hash());
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        return decode(encodedHash).map(d -> !d.parameters().equals(parameters)).orElse(true);
    }

    private record Decoded(Parameters parameters, byte[] salt, byte[] hash) {}

    private static Optional<Decoded> decode(String encoded) {
        if (encoded == null) {
            return Optional.empty();
        }
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        String[] parts = encoded.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return Optional.empty();
        }
        try {
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[3].split(",")) {
                String[] pair = kv.split("=", 2);
                int value = AsciiNumbers.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> m = value;
                    case "t" -> t = value;
                    case "p" -> p = value;
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(new Decoded(new Parameters(m, t, p), B64D.decode(parts[4]), B64D.decode(parts[5])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private byte[] derive(char[] password, byte[] salt, Parameters p, int length) {
        Argon2Memory.Arena arena = memory.take();
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt)
                .withBlockPool(arena)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] passwordBytes = utf8(password);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(passwordBytes, out);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
            memory.giveBack(arena);
        }
        return out;
    }

    /** The blocks kept between hashes, for tests. */
    long idleBlocks() {
        return memory.idleBlocks();
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }
}
