package dev.spendgate.gate;

import dev.spendgate.input.Diagnostic;
import dev.spendgate.input.SourceLocation;
import dev.spendgate.manifest.Budget;
import dev.spendgate.manifest.Manifest;
import dev.spendgate.spend.BadRow;
import dev.spendgate.spend.SpendSnapshot;

import java.util.List;

/** What a run tells about its spend source besides the findings: bad rows, currencies it could not judge. */
final class SpendDiagnostics {

    private SpendDiagnostics() {
    }

    static void add(SpendSnapshot spend, List<Manifest> manifests, List<Diagnostic> out) {
        for (BadRow row : spend.badRows()) {
            SourceLocation at = "line".equals(row.unit()) && row.line() >= 1 && row.line() <= Integer.MAX_VALUE
                    ? new SourceLocation(row.source(), (int) row.line(), 1) : null;
            out.add(Diagnostic.warning("spend_bad_row", at,
                    (at == null ? row.source() + ": row " + row.line() + ": " : "") + "spend row not counted: "
                            + row.problem()));
        }
        if (spend.badRowCount() > 0) {
            out.add(Diagnostic.warning("spend_bad_rows", null, spend.source() + ": " + spend.badRowCount()
                    + " bad spend row" + (spend.badRowCount() == 1 ? "" : "s") + " not counted"
                    + (spend.badRowCount() > spend.badRows().size()
                    ? " (the first " + spend.badRows().size() + " are listed)" : "")
                    + "; the spend figures leave them out"));
        }
        if (!spend.otherCurrencies().isEmpty()) {
            out.add(Diagnostic.warning("spend_other_currency", null, spend.source() + ": rows billed in "
                    + String.join(", ", spend.otherCurrencies()) + " are not counted: budgets are in "
                    + spend.currency() + " and spendgate does not convert currencies"));
        }
        for (Manifest m : manifests) {
            Budget b = m.spec().budget();
            if (b != null && !b.currency().equals(spend.currency())) {
                out.add(Diagnostic.warning("spend_currency_mismatch", m.locations().locate("/spec/budget/currency"),
                        m.name() + ": the budget is in " + b.currency() + " but live spend is judged in "
                                + spend.currency() + "; the live-spend rules could not vouch for this manifest"));
            }
        }
    }
}
