package dev.spinkube.operator.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class IdleCollectionTest {
    private final AtomicLong collections = new AtomicLong();
    private final AtomicLong now = new AtomicLong();
    private final AtomicLong ours = new AtomicLong();
    private final IdleCollection idle = new IdleCollection(Duration.ofSeconds(30), collections::get, now::get, () -> {
        ours.incrementAndGet();
        collections.incrementAndGet();
    });

    private boolean checkAt(int seconds) {
        now.set(Duration.ofSeconds(seconds).toNanos());
        return idle.check();
    }

    @Test
    void collectsOnceWhenTheCollectorHasBeenQuietLongEnough() {
        collections.set(4); // start-up
        assertFalse(checkAt(0));
        assertFalse(checkAt(29));
        assertTrue(checkAt(30));
        assertEquals(1, ours.get());
        // its own collection is not work: quiet stays quiet
        assertFalse(checkAt(100));
        assertFalse(checkAt(1000));
        assertEquals(1, ours.get());
    }

    @Test
    void waitsWhileTheCollectorKeepsRunning() {
        for (int s = 0; s <= 120; s += 5) {
            collections.incrementAndGet(); // a burst of work: a young collection every few seconds
            assertFalse(checkAt(s));
        }
        assertFalse(checkAt(145));
        assertTrue(checkAt(150));
        assertEquals(1, ours.get());
    }

    @Test
    void collectsAgainAfterTheNextBurst() {
        collections.set(4);
        checkAt(0);
        assertTrue(checkAt(30));
        collections.addAndGet(3);
        assertFalse(checkAt(40));
        assertFalse(checkAt(69));
        assertTrue(checkAt(70));
        assertEquals(2, ours.get());
    }
}
