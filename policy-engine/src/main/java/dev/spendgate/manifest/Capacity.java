package dev.spendgate.manifest;

import java.util.Locale;

/** How GPUs are bought. The YAML spelling is {@link #wireName()}. */
public enum Capacity {
    SPOT("spot"), ON_DEMAND("on-demand"), RESERVED("reserved");

    private final String wireName;

    Capacity(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The capacity spelled {@code text} in YAML, or null. */
    public static Capacity fromWire(String text) {
        for (Capacity c : values()) {
            if (c.wireName.equals(text.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }
}
