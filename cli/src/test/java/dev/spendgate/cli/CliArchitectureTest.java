package dev.spendgate.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The command line is thin: it knows the engine SPI, never an engine, and only its Main ends the process. */
class CliArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.spendgate");
    }

    @Test
    void theCliImportsNoEngineImplementation() {
        noClasses().that().resideInAPackage("dev.spendgate.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.spendgate.engine.drools..", "dev.spendgate.engine.opa..")
                .check(classes);
    }

    @Test
    void theCliImportsNoSpendSourceImplementation() {
        noClasses().that().resideInAPackage("dev.spendgate.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.spendgate.spend.focus..", "dev.spendgate.spend.jdbc..",
                        "dev.spendgate.spend.opencost..")
                .check(classes);
    }

    @Test
    void onlyMainCallsSystemExit() {
        noClasses().that().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().callMethod(System.class, "exit", int.class)
                .check(classes);
    }
}
