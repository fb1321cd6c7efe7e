package dev.spendgate.report.spend;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpendMarkdownRendererTest {

    private static String roundUp(String max) {
        return Figures.plain(SpendMarkdownRenderer.roundUp(new BigDecimal(max)));
    }

    @Test
    void theAxisEndsAtTheHighestValueRoundedUpToHalfItsOrderOfMagnitude() {
        assertEquals("450", roundUp("412.50"));
        assertEquals("30", roundUp("30.00"));
        assertEquals("7.5", roundUp("7.20"));
        assertEquals("200", roundUp("165.49"));
        assertEquals("0.35", roundUp("0.34"));
        assertEquals("15000", roundUp("12000.01"));
        assertEquals("1", roundUp("0.00"));
    }

    @Test
    void quotesInMermaidStringsBecomeEntities() {
        assertEquals("a #quot;b#quot;: daily spend", SpendMarkdownRenderer.mermaidText("a \"b\": daily spend"));
        assertEquals("one line", SpendMarkdownRenderer.mermaidText("one\nline"));
    }

    @Test
    void numbersHaveFixedDecimalsAndThousandsSeparators() {
        assertEquals("1,234,567.90", Figures.money(new BigDecimal("1234567.895")));
        assertEquals("0.00", Figures.money(BigDecimal.ZERO));
        assertEquals("-", Figures.money(null));
        assertEquals("1,005.0%", Figures.percent(new BigDecimal("1005")));
        assertEquals("12.5", Figures.plain(new BigDecimal("12.50")));
        assertEquals("300", Figures.plain(new BigDecimal("3E+2")));
    }

    @Test
    void tableCellsStayInTheirCell() {
        assertEquals("a \\| b &lt;br> c", Table.cell("a | b <br>\nc"));
    }
}
