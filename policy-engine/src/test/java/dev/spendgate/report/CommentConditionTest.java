package dev.spendgate.report;

import dev.spendgate.gate.CostDiff;
import dev.spendgate.gate.GateReport;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommentConditionTest {

    @Test
    void costChangeByAmountOrPerCent() {
        GateReport moved = report(new BigDecimal("200.00"), new BigDecimal("230.00"));   // +30, +15%
        assertTrue(CommentCondition.parse("cost-change", null).met(moved), "default threshold: any move");
        assertTrue(CommentCondition.parse("cost-change", "30").met(moved), "at the amount");
        assertFalse(CommentCondition.parse("cost-change", "30.01").met(moved));
        assertTrue(CommentCondition.parse("cost-change", "15%").met(moved), "at the per cent");
        assertFalse(CommentCondition.parse("cost-change", "16%").met(moved));
        assertEquals("the estimated cost moves by less than 16%", CommentCondition.parse("cost-change", "16%").unmet(moved));
        GateReport still = report(new BigDecimal("200.00"), new BigDecimal("200.00"));
        assertFalse(CommentCondition.parse("cost-change", null).met(still), "no move at all");
        assertFalse(CommentCondition.parse("cost-change", null).met(base().build()), "no base revision");
        assertTrue(CommentCondition.parse("cost-change", "500%").met(report(new BigDecimal("0.00"), new BigDecimal("1.00"))),
                "from nothing any move is beyond any per cent");
        assertTrue(CommentCondition.parse("always", "10%").met(still));
    }

    @Test
    void findingsOrCostChange() {
        CommentCondition either = CommentCondition.parse("findings, cost-change", "10%");
        assertEquals("findings,cost-change (threshold 10%)", either.toString());
        assertFalse(either.met(report(new BigDecimal("100.00"), new BigDecimal("105.00"))), "no findings, +5%");
        assertEquals("no finding fails or warns and the estimated cost moves by less than 10%",
                either.unmet(report(new BigDecimal("100.00"), new BigDecimal("105.00"))));
        assertTrue(either.met(report(new BigDecimal("100.00"), new BigDecimal("110.00"))));
    }

    @Test
    void badValuesNameTheOption() {
        assertEquals("--comment-when: 'often' is not one of always, findings, cost-change (or findings,cost-change)",
                assertThrows(IllegalArgumentException.class, () -> CommentCondition.parse("often", null)).getMessage());
        assertEquals("--comment-cost-threshold: 'ten' is neither an amount (100) nor a per cent (10%)",
                assertThrows(IllegalArgumentException.class, () -> CommentCondition.parse("cost-change", "ten")).getMessage());
        assertEquals("--comment-cost-threshold: '-5%' is negative",
                assertThrows(IllegalArgumentException.class, () -> CommentCondition.parse("cost-change", "-5%")).getMessage());
    }

    private static GateReport.Builder base() {
        return GateReport.builder().toolVersion("test").engine("drools").policy("p");
    }

    private static GateReport report(BigDecimal before, BigDecimal after) {
        CostDiff.Line line = new CostDiff.Line("m", "modified", "m.yaml", "m.yaml", before, after, before, after, true);
        return base().costs(new CostDiff("USD", List.of(line))).build();
    }
}
