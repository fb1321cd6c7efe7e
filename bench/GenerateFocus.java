import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Writes a synthetic FOCUS export of N rows as CSV and as Parquet for the spend benchmark:
 * hourly usage rows from 2026-10-01 over 52 days, 200 workloads in 12 teams, 18 FOCUS columns.
 * Deterministic (no random numbers: costs are derived from the row number).
 *
 * Usage: java -cp cli/target/spendgate.jar bench/GenerateFocus.java ROWS OUT_DIR
 */
public class GenerateFocus {
    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        String dir = args[1];
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("CREATE TABLE focus AS SELECT "
                    + "'acct-' || (i % 7) AS BillingAccountId, 'USD' AS BillingCurrency, "
                    + "TIMESTAMPTZ '2026-10-01 00:00:00+00' AS BillingPeriodStart, "
                    + "TIMESTAMPTZ '2026-12-01 00:00:00+00' AS BillingPeriodEnd, "
                    + "TIMESTAMPTZ '2026-10-01 00:00:00+00' + to_hours(i % (52 * 24)) AS ChargePeriodStart, "
                    + "TIMESTAMPTZ '2026-10-01 00:00:00+00' + to_hours(i % (52 * 24) + 1) AS ChargePeriodEnd, "
                    + "'Usage' AS ChargeCategory, 'ACME Cloud' AS ProviderName, "
                    + "CASE WHEN i % 3 = 0 THEN 'GPU Compute' ELSE 'LLM Tokens' END AS ServiceName, "
                    + "'res-' || (i % 5000) AS ResourceId, 'sku-' || (i % 40) AS SkuId, "
                    + "round(((i * 7919) % 10000) / 1000.0, 4) AS ConsumedQuantity, 'Hour' AS ConsumedUnit, "
                    + "round(((i * 104729) % 300000) / 100000.0, 6) AS ListCost, "
                    + "round(((i * 15485863) % 200000) / 100000.0, 6) AS BilledCost, "
                    + "round(((i * 32452843) % 200000) / 100000.0, 6) AS EffectiveCost, "
                    + "'{\"spendgate-manifest\":\"wl-' || (i % 200) || '\",\"team\":\"team-' || (i % 12) "
                    + "|| '\",\"env\":\"dev\"}' AS Tags "
                    + "FROM range(" + rows + ") r(i) ORDER BY ChargePeriodStart");
            s.execute("COPY focus TO '" + dir + "/focus.csv' (HEADER, TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%SZ')");
            s.execute("COPY focus TO '" + dir + "/focus.parquet' (FORMAT parquet)");
        }
    }
}
