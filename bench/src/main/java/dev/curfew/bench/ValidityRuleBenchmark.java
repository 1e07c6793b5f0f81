package dev.curfew.bench;

import dev.curfew.core.validity.CutOffs;
import dev.curfew.core.validity.ValidityRule;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The validity rule runs on every token check: it must cost nanoseconds and allocate nothing. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ValidityRuleBenchmark {
    long now = 1_800_000_000_000L;
    long issuedAt = now - 60_000;
    long expiresAt = now + 240_000;
    CutOffs cutOffs = new CutOffs(now - 3_600_000, now - 7_200_000, now - 120_000);

    @Benchmark
    public boolean validToken() {
        return ValidityRule.isValid(now, issuedAt, expiresAt, cutOffs, false);
    }
}
