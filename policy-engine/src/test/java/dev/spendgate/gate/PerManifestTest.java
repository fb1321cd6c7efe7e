package dev.spendgate.gate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PerManifestTest {

    @Test
    void resultsComeInTheItemsOrderHoweverTheWorkIsSplit() {
        for (int size : new int[] {0, 1, PerManifest.PARALLEL_FROM - 1, PerManifest.PARALLEL_FROM, 5_000}) {
            List<Integer> items = IntStream.range(0, size).boxed().toList();
            List<String> out = PerManifest.map(items, i -> {
                if (ThreadLocalRandom.current().nextInt(50) == 0) {
                    Thread.onSpinWait(); // items finish in no particular order
                }
                return "item " + i;
            });
            List<String> expected = new ArrayList<>();
            items.forEach(i -> expected.add("item " + i));
            assertEquals(expected, out, size + " items");
        }
    }

    @Test
    void aFailureOfOneItemReachesTheCaller() {
        List<Integer> items = IntStream.range(0, 1_000).boxed().toList();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PerManifest.map(items, i -> {
            if (i == 777) {
                throw new IllegalStateException("item 777 is bad");
            }
            return i;
        }));
        assertEquals("item 777 is bad", rootMessage(e));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
