package dev.curfew.engine.ssf;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the long polls (RFC 8936 §2.4) held on a stream when this node queues a SET for it. Each stream being
 * polled has a signal with a version: a poller reads the version, looks at the queue, and waits only while the
 * version is unchanged — so a SET queued between its look and its wait still wakes it. Every node wakes its
 * pollers when any node queues a SET ({@code ChangeFeed}); the poller's periodic look at the queue covers a
 * notification lost while a node was not listening.
 */
public final class PollWaiters {
    private final Map<String, Signal> signals = new ConcurrentHashMap<>();

    /** One stream's signal, shared by its waiting pollers. */
    public static final class Signal {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private long version;
        private int holders;

        public long version() {
            lock.lock();
            try {
                return version;
            } finally {
                lock.unlock();
            }
        }

        /** Waits until the version moves past {@code seen} or the time is up. */
        public void awaitChange(long seen, long nanos) throws InterruptedException {
            lock.lock();
            try {
                long left = nanos;
                while (version == seen && left > 0) {
                    left = changed.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }

        private void bump() {
            lock.lock();
            try {
                version++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The stream's signal, held until {@link #release}. */
    public Signal hold(String streamId) {
        return signals.compute(streamId, (id, s) -> {
            Signal signal = s == null ? new Signal() : s;
            signal.holders++;
            return signal;
        });
    }

    public void release(String streamId) {
        signals.computeIfPresent(streamId, (id, s) -> --s.holders == 0 ? null : s);
    }

    /** Something was queued on the stream, or its status changed: its pollers look again now. */
    public void wake(String streamId) {
        Signal signal = signals.get(streamId);
        if (signal != null) {
            signal.bump();
        }
    }

    /** Anything may have been queued anywhere (the node missed notifications): every poller looks again. */
    public void wakeAll() {
        signals.values().forEach(Signal::bump);
    }

    /** For tests: how many polls are held on the stream. */
    public int holding(String streamId) {
        Signal s = signals.get(streamId);
        return s == null ? 0 : s.holders;
    }
}
