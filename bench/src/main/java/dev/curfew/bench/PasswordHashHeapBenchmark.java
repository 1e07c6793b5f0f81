package dev.curfew.bench;

import dev.curfew.engine.password.Argon2idPasswordHasher;
import dev.curfew.engine.password.Argon2idPasswordHasher.Parameters;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Argon2id verifications on two threads (the hashing pool of a 2-core server) inside the heap {@code ./curfew}
 * gives the server, for two of OWASP's equally strong settings: what the collector costs when every hash allocates
 * its memory anew. Run with {@code -prof gc} to see the allocation per hash and the time spent collecting.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Threads(2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-XX:+UseG1GC", "-Xmx256m"})
public class PasswordHashHeapBenchmark {
    /** Memory in KiB and iterations: OWASP's 19 MiB × 2 and 7 MiB × 5 (Curfew's default). */
    @Param({"19456x2", "7168x5"})
    public String setting;

    Argon2idPasswordHasher hasher;
    String hash;

    @Setup
    public void setUp() {
        String[] parts = setting.split("x");
        hasher = new Argon2idPasswordHasher(new Parameters(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), 1));
        hash = hasher.hash("correct horse battery staple".toCharArray());
    }

    @Benchmark
    public boolean verify() {
        return hasher.verify("correct horse battery staple".toCharArray(), hash);
    }
}
