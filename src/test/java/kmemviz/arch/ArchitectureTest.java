package kmemviz.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "kmemviz", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreIsPlainJava = noClasses().that().resideInAPackage("kmemviz.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..",
                    "kmemviz.ui..", "kmemviz.app..")
            .because("the core runs headless in the CLI, the benchmarks and the tests");

    @ArchTest
    static final ArchRule uiDoesNotReachIntoApp = noClasses().that().resideInAPackage("kmemviz.ui..")
            .should().dependOnClassesThat().resideInAPackage("kmemviz.app..")
            .because("dependencies point one way: app -> ui -> core");
}
