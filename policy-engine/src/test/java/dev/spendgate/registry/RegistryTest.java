package dev.spendgate.registry;

import dev.spendgate.registry.Greetings.Clash;
import dev.spendgate.registry.Greetings.Greeting;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RegistryTest {

    @Test
    void findsEachProviderByIdAndListsThemSortedById() {
        Registry<Greeting> registry = Registry.of(Greeting.class, Greeting::id);
        assertEquals(List.of("bonjour", "ciao", "hello"), registry.ids());
        assertEquals(List.of(Greetings.Bonjour.class, Greetings.Ciao.class, Greetings.Hello.class),
                registry.all().stream().map(Object::getClass).toList());
        assertEquals(Greetings.Ciao.class, registry.find("ciao").orElseThrow().getClass());
        assertEquals(Optional.empty(), registry.find("hola"));
        assertEquals(Optional.empty(), registry.find("Hello"));
        assertEquals(Optional.empty(), registry.find(null));
    }

    @Test
    void loadsNothingUntilFirstUsedThenOnceForEveryCall() {
        int before = Greetings.CREATED.get();
        Registry<Greeting> registry = Registry.of(Greeting.class, Greeting::id);
        assertEquals(before, Greetings.CREATED.get(), "of() loads nothing");
        Greeting hello = registry.find("hello").orElseThrow();
        assertEquals(before + 3, Greetings.CREATED.get(), "three providers, one of them listed twice");
        assertSame(hello, registry.find("hello").orElseThrow());
        assertSame(registry.all(), registry.all());
        assertSame(hello, registry.all().get(2));
        registry.ids();
        assertEquals(before + 3, Greetings.CREATED.get());
    }

    @Test
    void concurrentFirstCallsLoadOnceAndSeeTheSameProviders() throws Exception {
        int threads = 8;
        int before = Greetings.CREATED.get();
        Registry<Greeting> registry = Registry.of(Greeting.class, Greeting::id);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Greeting>>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return registry.all();
                }));
            }
            start.countDown();
            List<Greeting> first = calls.get(0).get();
            for (Future<List<Greeting>> call : calls) {
                assertSame(first, call.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + 3, Greetings.CREATED.get(), "loaded once, not once per thread");
    }

    @Test
    void theListsAreUnmodifiable() {
        Registry<Greeting> registry = Registry.of(Greeting.class, Greeting::id);
        assertThrows(UnsupportedOperationException.class, () -> registry.ids().clear());
        assertThrows(UnsupportedOperationException.class, () -> registry.all().remove(0));
    }

    @Test
    void twoProvidersWithOneIdAreAPackagingErrorThatNamesBoth() {
        Registry<Clash> registry = Registry.of(Clash.class, Clash::name);
        IllegalStateException e = assertThrows(IllegalStateException.class, registry::ids);
        assertEquals("dev.spendgate.registry.Greetings$Clash: id 'same' is taken twice, by "
                + "dev.spendgate.registry.Greetings$First and dev.spendgate.registry.Greetings$Second", e.getMessage());
    }

    @Test
    void aProviderWithoutAnIdIsAPackagingError() {
        Registry<Clash> registry = Registry.of(Clash.class, c -> c instanceof Greetings.Second ? null : c.name());
        IllegalStateException e = assertThrows(IllegalStateException.class, registry::all);
        assertEquals("dev.spendgate.registry.Greetings$Clash: dev.spendgate.registry.Greetings$Second has no id",
                e.getMessage());
    }

    @Test
    void failsFastOnNullArguments() {
        assertEquals("service == null",
                assertThrows(NullPointerException.class, () -> Registry.of(null, Object::toString)).getMessage());
        assertEquals("id == null",
                assertThrows(NullPointerException.class, () -> Registry.of(Greeting.class, null)).getMessage());
    }
}
