package dev.spendgate.yaml;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance of each mapping key and JSON pointer: thousands of manifests repeat the same
 * few hundred ({@code metadata}, {@code /spec/budget/amount}), and keeping one copy of each halves
 * the memory a large run holds. Bounded, so untrusted input cannot grow it without end.
 */
final class Strings {

    private static final int MAX = 16_384;
    private static final ConcurrentHashMap<String, String> SHARED = new ConcurrentHashMap<>();

    private Strings() {
    }

    static String shared(String s) {
        if (s.length() > 128) {
            return s;
        }
        String known = SHARED.get(s);
        if (known != null) {
            return known;
        }
        if (SHARED.size() >= MAX) {
            return s;
        }
        known = SHARED.putIfAbsent(s, s);
        return known == null ? s : known;
    }
}
