package dev.curfew.engine.ssf;

import java.time.Duration;

/**
 * The Shared Signals transmitter's shared pieces, built once at start.
 *
 * @param pollTimeout how long a long poll (RFC 8936 §2.4, {@code returnImmediately: false}) is held at most
 */
public record Ssf(
        Transmitter transmitter, PollWaiters waiters, SetSigner signer, SsfMetrics metrics, Duration pollTimeout) {}
