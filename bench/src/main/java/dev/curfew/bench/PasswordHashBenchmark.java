package dev.curfew.bench;

import dev.curfew.engine.password.Argon2idPasswordHasher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One Argon2id verification at the default (OWASP) parameters: the cost that bounds password logins. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class PasswordHashBenchmark {
    Argon2idPasswordHasher hasher;
    String hash;

    @Setup
    public void setUp() {
        hasher = new Argon2idPasswordHasher();
        hash = hasher.hash("correct horse battery staple".toCharArray());
    }

    @Benchmark
    public boolean verify() {
        return hasher.verify("correct horse battery staple".toCharArray(), hash);
    }
}
