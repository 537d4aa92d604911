package dev.spinkube.operator.ops;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import dev.spinkube.operator.config.OperatorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Hands memory back once the operator has gone quiet, as Go's scavenger does for a Go operator. The serial collector
 * keeps the objects a burst of work promoted (every cached object an update replaced) until the old generation
 * fills, and an operator spends most of its life idle after such a burst. So: once the collector has had nothing
 * to do for {@code spin-operator.memory.idle-collection-after} (30 s), one full collection, then none until the
 * collector has run again. An idle operator allocates little, so that is rare; {@code 0s} turns it off.
 */
@ApplicationScoped
public class IdleCollection {
    private static final Logger LOG = Logger.getLogger(IdleCollection.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final long afterNanos;
    private final LongSupplier collections;
    private final LongSupplier nanoTime;
    private final Runnable collect;

    private long seen = -1;
    private long seenAt;
    private long leftByOurs = -1;
    private ScheduledExecutorService checks;

    @Inject
    IdleCollection(OperatorConfig config) {
        this(config.memory().idleCollectionAfter(), IdleCollection::collectionsSoFar, System::nanoTime,
                IdleCollection::collectAndLog);
    }

    IdleCollection(Duration after, LongSupplier collections, LongSupplier nanoTime, Runnable collect) {
        this.afterNanos = after.toNanos();
        this.collections = collections;
        this.nanoTime = nanoTime;
        this.collect = collect;
    }

    void start(@Observes StartupEvent event) {
        if (afterNanos <= 0) {
            return;
        }
        checks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idle-collection");
            t.setDaemon(true);
            return t;
        });
        long every = Math.min(CHECK_EVERY.toNanos(), afterNanos);
        checks.scheduleWithFixedDelay(this::check, every, every, TimeUnit.NANOSECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (checks != null) {
            checks.shutdownNow();
        }
    }

    /** One look at the collector; collects when it has been quiet long enough since it last had work. */
    boolean check() {
        long count = collections.getAsLong();
        long now = nanoTime.getAsLong();
        if (count != seen) {
            seen = count;
            seenAt = now;
            return false;
        }
        if (count == leftByOurs || now - seenAt < afterNanos) {
            return false;
        }
        collect.run();
        leftByOurs = collections.getAsLong();
        return true;
    }

    private static long collectionsSoFar() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionCount());
        }
        return sum;
    }

    private static void collectAndLog() {
        Runtime runtime = Runtime.getRuntime();
        long before = runtime.totalMemory() - runtime.freeMemory();
        long started = System.nanoTime();
        System.gc();
        long after = runtime.totalMemory() - runtime.freeMemory();
        LOG.debugf("Quiet: collected the heap in %d ms, %d MiB in use before, %d MiB after",
                (System.nanoTime() - started) / 1_000_000, before >> 20, after >> 20);
    }
}
