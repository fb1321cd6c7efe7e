package dev.spendgate.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The packages of the policy engine stand floor by floor (ARCHITECTURE.md): a package uses only the
 * floors below it, so no import runs upward, and the two engines never know each other.
 */
class LayersTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.spendgate");
    }

    /** The floors, lowest first; a floor may use every floor below it and nothing above. */
    static Architectures.LayeredArchitecture layers() {
        return Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("input").definedBy("dev.spendgate.input")
                .layer("error").definedBy("dev.spendgate.error")
                .layer("yaml").definedBy("dev.spendgate.yaml")
                .layer("manifest").definedBy("dev.spendgate.manifest")
                .layer("cost").definedBy("dev.spendgate.cost")
                .layer("spend").definedBy("dev.spendgate.spend")
                .layer("spend sources").definedBy("dev.spendgate.spend.focus..", "dev.spendgate.spend.jdbc..",
                        "dev.spendgate.spend.opencost..")
                .layer("policy").definedBy("dev.spendgate.policy")
                .layer("bundle").definedBy("dev.spendgate.policy.bundle")
                .layer("engine SPI").definedBy("dev.spendgate.engine")
                .layer("drools").definedBy("dev.spendgate.engine.drools..")
                .layer("opa").definedBy("dev.spendgate.engine.opa..")
                .layer("git").definedBy("dev.spendgate.git..")
                .layer("gate").definedBy("dev.spendgate.gate")
                .layer("cases").definedBy("dev.spendgate.cases")
                .layer("report").definedBy("dev.spendgate.report")
                .layer("spend report").definedBy("dev.spendgate.report.spend")
                .layer("docs").definedBy("dev.spendgate.docs")
                .layer("http").definedBy("dev.spendgate.http")
                .layer("github").definedBy("dev.spendgate.github")
                .layer("gitlab").definedBy("dev.spendgate.gitlab")
                .layer("alert").definedBy("dev.spendgate.alert..")
                .layer("watch").definedBy("dev.spendgate.watch..")

                .whereLayer("error").mayOnlyBeAccessedByLayers("yaml", "manifest", "cost", "spend", "spend sources",
                        "policy", "bundle", "engine SPI", "drools", "opa", "git", "gate", "cases", "report",
                        "spend report", "github", "alert", "watch")
                .whereLayer("yaml").mayOnlyBeAccessedByLayers("manifest", "cost", "spend", "spend sources", "policy",
                        "bundle", "engine SPI", "drools", "opa", "git", "gate", "cases", "report", "spend report",
                        "github", "docs", "alert", "watch")
                .whereLayer("manifest").mayOnlyBeAccessedByLayers("cost", "spend", "spend sources", "policy", "bundle",
                        "engine SPI", "drools", "opa", "git", "gate", "cases", "report", "spend report", "github",
                        "watch")
                .whereLayer("cost").mayOnlyBeAccessedByLayers("policy", "engine SPI", "drools", "opa", "git", "gate",
                        "cases", "report", "spend report", "github", "watch")
                .whereLayer("spend").mayOnlyBeAccessedByLayers("spend sources", "policy", "engine SPI", "drools", "opa",
                        "gate", "cases", "report", "spend report", "github", "watch")
                // found with ServiceLoader: nothing names a spend source's classes
                .whereLayer("spend sources").mayNotBeAccessedByAnyLayer()
                .whereLayer("policy").mayOnlyBeAccessedByLayers("bundle", "engine SPI", "drools", "opa", "git", "gate",
                        "cases", "report", "spend report", "github", "docs", "alert", "watch")
                .whereLayer("bundle").mayOnlyBeAccessedByLayers("opa", "gate", "cases", "report", "github")
                .whereLayer("engine SPI").mayOnlyBeAccessedByLayers("drools", "opa", "gate", "cases", "report",
                        "spend report", "github", "watch")
                // found with ServiceLoader: nothing names an engine's classes, and the engines never each other's
                .whereLayer("drools").mayNotBeAccessedByAnyLayer()
                .whereLayer("opa").mayNotBeAccessedByAnyLayer()
                .whereLayer("git").mayOnlyBeAccessedByLayers("gate", "cases", "report", "spend report", "github",
                        "watch")
                .whereLayer("gate").mayOnlyBeAccessedByLayers("cases", "report", "spend report", "github", "watch")
                .whereLayer("cases").mayOnlyBeAccessedByLayers("docs")
                .whereLayer("report").mayOnlyBeAccessedByLayers("spend report", "github", "watch")
                .whereLayer("spend report").mayNotBeAccessedByAnyLayer()
                .whereLayer("http").mayOnlyBeAccessedByLayers("github", "gitlab", "alert")
                .whereLayer("github").mayNotBeAccessedByAnyLayer()
                .whereLayer("docs").mayNotBeAccessedByAnyLayer()
                .whereLayer("gitlab").mayNotBeAccessedByAnyLayer()
                .whereLayer("alert").mayOnlyBeAccessedByLayers("watch")
                .whereLayer("watch").mayNotBeAccessedByAnyLayer();
    }

    @Test
    void noImportRunsUpward() {
        layers().check(classes);
    }

    @Test
    void theGroundFloorImportsNothingOfSpendgateAbove() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.spendgate.input")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.spendgate.input", "java..");
        rule.check(classes);
    }

    @Test
    void theEnginesNeverImportEachOther() {
        noClasses().that().resideInAPackage("dev.spendgate.engine.drools..")
                .should().dependOnClassesThat().resideInAPackage("dev.spendgate.engine.opa..").check(classes);
        noClasses().that().resideInAPackage("dev.spendgate.engine.opa..")
                .should().dependOnClassesThat().resideInAPackage("dev.spendgate.engine.drools..").check(classes);
    }

    @Test
    void onlyTheCommandLinesMainEndsTheProcess() {
        noClasses().should().callMethod(System.class, "exit", int.class).check(classes);
    }
}
