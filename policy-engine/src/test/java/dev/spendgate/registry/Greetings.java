package dev.spendgate.registry;

import java.util.concurrent.atomic.AtomicInteger;

/** Test services: {@link Greeting} with three providers, {@link Clash} with two of the same id. */
public final class Greetings {

    private Greetings() {
    }

    /** A service whose providers count how often they are created. */
    public interface Greeting {
        String id();
    }

    /** How many providers of {@link Greeting} were created so far, over every registry. */
    static final AtomicInteger CREATED = new AtomicInteger();

    private abstract static class Counted implements Greeting {
        Counted() {
            CREATED.incrementAndGet();
            try {
                Thread.sleep(20); // slow to load, so that concurrent first calls overlap
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static final class Hello extends Counted {
        @Override
        public String id() {
            return "hello";
        }
    }

    public static final class Bonjour extends Counted {
        @Override
        public String id() {
            return "bonjour";
        }
    }

    public static final class Ciao extends Counted {
        @Override
        public String id() {
            return "ciao";
        }
    }

    /** A service whose two providers claim one id. */
    public interface Clash {
        String name();
    }

    public static final class First implements Clash {
        @Override
        public String name() {
            return "same";
        }
    }

    public static final class Second implements Clash {
        @Override
        public String name() {
            return "same";
        }
    }
}
