package dev.curfew.bench.support;

import java.util.Optional;

/**
 * The options of the latency benchmarks that run a number of trials: {@code --trials=N} (100 to 10,000, default 200)
 * measured after {@code --warm-up=N} (0 to 1,000, default 20) unreported ones.
 */
public record Trials(int trials, int warmUp) {
    public Trials {
        if (trials < 100 || trials > 10_000 || warmUp < 0 || warmUp > 1_000) {
            throw new IllegalArgumentException("--trials must be 100..10000 and --warm-up 0..1000");
        }
    }

    /** The options in {@code args}; empty, after printing the usage of {@code program}, for anything else. */
    public static Optional<Trials> parse(String[] args, String program) {
        int trials = 200;
        int warmUp = 20;
        for (String arg : args) {
            if (arg.startsWith("--trials=")) {
                trials = Integer.parseInt(arg.substring("--trials=".length()));
            } else if (arg.startsWith("--warm-up=")) {
                warmUp = Integer.parseInt(arg.substring("--warm-up=".length()));
            } else {
                System.out.println("Usage: " + program + " [--trials=200] [--warm-up=20]   (localhost only)");
                return Optional.empty();
            }
        }
        return Optional.of(new Trials(trials, warmUp));
    }
}
