package dev.spendgate.jenkins.plugin;

/** The parameters both steps take, with the same names as the shared library's {@code spendgate(...)}. */
interface SpendgateParameters {
    String getJar();
    String getJava();
    String getPaths();
    String getPolicy();
    String getPrices();
    String getEngine();
    String getOpaUrl();
    String getFailOn();
    String getNow();
    String getReportDir();
    boolean isUnstableOnBlock();
}
