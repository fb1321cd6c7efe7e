package dev.spendgate.jenkins;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateDecisionTest {

    @ParameterizedTest
    @CsvSource({
            "0, false, SUCCESS", "0, true, SUCCESS",
            "1, false, FAILURE", "1, true, UNSTABLE",
            "2, true, FAILURE", "3, true, FAILURE", "4, true, FAILURE", "127, true, FAILURE", "-1, false, FAILURE"})
    void mapsTheExitCodeContract(int exitCode, boolean unstableOnBlock, BuildResult expected) {
        assertEquals(expected, GateDecision.of(exitCode, unstableOnBlock).result());
    }

    @Test
    void failuresSayTheirCause() {
        assertEquals("spendgate: invalid input (exit 3): a manifest, policy set, waiver, price catalog or pack "
                + "does not load; the problems are listed above with file:line:column", GateDecision.of(3, false).message());
        assertEquals("spendgate: engine or data-source failure (exit 4); nothing was passed, see the message above",
                GateDecision.of(4, true).message());
        assertTrue(GateDecision.of(127, false).message().startsWith("spendgate: unexpected exit code 127: "));
        assertEquals("spendgate: blocked: at least one blocking finding (exit 1); build marked unstable (unstableOnBlock)",
                GateDecision.of(1, true).message());
    }

    @Test
    void onlyPassAndBlockHaveReports() {
        assertTrue(GateDecision.of(0, false).hasReport());
        assertTrue(GateDecision.of(1, false).hasReport());
        assertFalse(GateDecision.of(3, false).hasReport());
        assertFalse(GateDecision.of(4, false).hasReport());
    }
}
