package dev.spendgate.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of an itemised estimate: {@code quantity unit × rate = amount}.
 *
 * @param kind    {@code gpu}, {@code tokens} or {@code queries} (a reranker's search units)
 * @param label   what is priced, e.g. {@code 8 × H100 spot} or {@code gpt-4o-mini input}
 * @param formula the arithmetic in words, e.g. {@code 8 GPUs × 12 h = 96 GPU-h × 2.10 USD/GPU-h spot}
 * @param path    JSON pointer of the manifest key it prices
 */
public record EstimateItem(String kind, String label, String formula, BigDecimal quantity, String unit,
                           BigDecimal rate, BigDecimal amount, String path) {

    public EstimateItem {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(label, "label == null");
        Objects.requireNonNull(formula, "formula == null");
        Objects.requireNonNull(quantity, "quantity == null");
        Objects.requireNonNull(unit, "unit == null");
        Objects.requireNonNull(rate, "rate == null");
        Objects.requireNonNull(amount, "amount == null");
        Objects.requireNonNull(path, "path == null");
    }
}
