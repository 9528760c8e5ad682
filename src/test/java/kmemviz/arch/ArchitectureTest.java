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

    @ArchTest
    static final ArchRule viewsDoNotReachIntoControllers = noClasses().that().resideInAPackage("kmemviz.ui.view..")
            .should().dependOnClassesThat().resideInAPackage("kmemviz.ui.control..")
            .because("a view shows what the core reported and turns gestures into intents; "
                    + "controllers issue the commands, so views stay reusable by export and bench render");

    @ArchTest
    static final ArchRule exportCoreIsPlainJava = noClasses().that().resideInAPackage("kmemviz.ui.export")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "kmemviz.ui.export.fx..", "kmemviz.ui.control..")
            .because("SVG, GIF, PNG encoding, file names and figure layout run without a toolkit; only the "
                    + "rasteriser in ui.export.fx draws with JavaFX");

    @ArchTest
    static final ArchRule allocatorsDoNotReachIntoTheKernelFacade = noClasses()
            .that().resideInAnyPackage("kmemviz.core.mm..", "kmemviz.core.slab..", "kmemviz.core.vm..")
            .should().dependOnClassesThat().resideInAPackage("kmemviz.core.kernel..")
            .because("the allocators are the parts the Kernel facade composes; they report through their "
                    + "listeners and stay testable and benchmarkable without it");
}
