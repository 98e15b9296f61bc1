package org.dmlworkbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import org.dmlworkbench.archfixturea.CycleA;
import org.dmlworkbench.config.MethodRules;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.loss.LossFactory;
import org.dmlworkbench.loss.LossSpec;
import org.dmlworkbench.archfixtureb.CycleB;
import org.dmlworkbench.ui.archfixture.ReachesIntoEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rules the code keeps, checked on the compiled production classes. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.dmlworkbench");
    }

    /** Arithmetic whose backward pass reads the number's tensor. */
    private static final java.util.Set<String> ARITHMETIC = java.util.Set.of("add", "addi", "sub",
            "subi", "mul", "muli", "div", "divi", "pow", "powi", "maximum", "minimum", "mod", "modi",
            "rsub", "rsubi", "rdiv", "rdivi", "rpow", "rpowi");

    /** DJL's NDArray.mul(Number) and its siblings corrupt gradients at random (see Scalars). */
    static final ArchRule NO_NUMBER_ARITHMETIC_ON_NDARRAYS = noClasses()
            .that().resideOutsideOfPackage("org.dmlworkbench.tensor..")
            .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>(
                    "NDArray arithmetic with a Number operand (use tensor.Scalars)") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return call.getTargetOwner().isAssignableTo(NDArray.class)
                            && ARITHMETIC.contains(call.getName())
                            && call.getTarget().getRawParameterTypes().stream()
                                    .anyMatch(type -> type.isEquivalentTo(Number.class));
                }
            });

    @Test
    void numberArithmeticOnTensorsGoesThroughScalars() {
        NO_NUMBER_ARITHMETIC_ON_NDARRAYS.check(production);
    }

    @Test
    void theNumberArithmeticRuleCatchesADirectCall() {
        JavaClasses offender = new ClassFileImporter().importClasses(DirectNumberArithmetic.class);
        assertThrows(AssertionError.class,
                () -> NO_NUMBER_ARITHMETIC_ON_NDARRAYS.check(offender));
    }

    /**
     * The window toolkit stays in the window: the engine, CLI and study code must run headless
     * (servers, CI, the benchmarks). No exception is needed for the CLI's {@code gui} command:
     * it calls {@code ui.WorkbenchApp.launch}, a plain static method, so {@code cli} depends on
     * {@code ui} but not on JavaFX itself; keep it that way rather than widening this rule.
     */
    static final ArchRule NO_JAVAFX_OUTSIDE_UI = noClasses()
            .that().resideOutsideOfPackage("org.dmlworkbench.ui..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("JavaFX belongs to the window (org.dmlworkbench.ui); the rest runs headless");

    /**
     * The window describes and launches training through the engine's public face (specs,
     * LossSpec, summaries), never through a loss's parts: miners, reducers and distances are how
     * a loss computes, and may change without the window noticing.
     */
    static final ArchRule UI_NOT_ON_LOSS_INTERNALS = noClasses()
            .that().resideInAPackage("org.dmlworkbench.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("org.dmlworkbench.loss.miners..",
                    "org.dmlworkbench.loss.reducers..", "org.dmlworkbench.loss.distances..");

    /**
     * What the window may use of {@code model}, which is one flat package: the specs it edits,
     * the network it runs (and Embedder, which embeds an image set with it) and the summaries it
     * shows. The blocks (Involution, attention, ResNets, imported TorchScript, activations) are
     * internals; an allow-list keeps a new block out of the window without editing this rule.
     */
    private static final java.util.Set<String> MODEL_FACE = java.util.Set.of("ModelSpec",
            "InvolutionSpec", "BackboneSpec", "EmbeddingNet", "Embedder", "Embeddings",
            "ModelSummary", "MultiplyAdds");

    static final ArchRule UI_NOT_ON_MODEL_BLOCKS = noClasses()
            .that().resideInAPackage("org.dmlworkbench.ui..")
            .should().dependOnClassesThat(new DescribedPredicate<JavaClass>(
                    "are model classes other than " + new java.util.TreeSet<>(MODEL_FACE)) {
                @Override
                public boolean test(JavaClass target) {
                    return target.getPackageName().equals("org.dmlworkbench.model")
                            && !MODEL_FACE.contains(outermost(target).getSimpleName());
                }
            });

    private static JavaClass outermost(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    /**
     * Top-level packages (data, model, loss, config, training, ..., ui) must not form cycles. The
     * training methods (metric, guided, asymmetric) are plug-ins the training package finds through
     * META-INF/services, and the configuration sits below run and training, so none is needed.
     */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("org.dmlworkbench.(*)..")
            .should().beFreeOfCycles();

    /** The loss parsers: LossFactory.parse and create, and LossSpec.parse. */
    private static boolean parsesALoss(JavaMethodCall call) {
        String owner = call.getTargetOwner().getName();
        return owner.equals(LossFactory.class.getName()) && java.util.Set.of("parse", "create").contains(call.getName())
                || owner.equals(LossSpec.class.getName()) && call.getName().equals("parse");
    }

    /**
     * A config's loss is parsed once, by its method's {@code validate} while the config is built,
     * and read from {@code TrainingConfig.lossSpec()} after that. Outside the loss package only a
     * method's validate parses a loss, besides code that parses a loss given on its own, not a
     * config's: the info command's --loss and the benchmark cases.
     */
    static final ArchRule A_CONFIGS_LOSS_IS_PARSED_ONCE = noClasses()
            .that().resideOutsideOfPackages("org.dmlworkbench.loss..", "org.dmlworkbench.bench..")
            .and().doNotHaveFullyQualifiedName("org.dmlworkbench.cli.InfoCommand")
            .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>(
                    "a loss parser outside a training method's validate (read TrainingConfig.lossSpec())") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return parsesALoss(call) && !(call.getOrigin().getName().equals("validate")
                            && call.getOriginOwner().isAssignableTo(MethodRules.class));
                }
            });

    @Test
    void aConfigsLossIsParsedOnlyWhereTheConfigIsBuilt() {
        A_CONFIGS_LOSS_IS_PARSED_ONCE.check(production);
    }

    @Test
    void theParseOnceRuleCatchesAConfigsLossParsedAgain() {
        JavaClasses offender = new ClassFileImporter().importClasses(ReparsesAConfigsLoss.class);
        assertThrows(AssertionError.class, () -> A_CONFIGS_LOSS_IS_PARSED_ONCE.check(offender));
    }

    @Test
    void javaFxStaysInTheWindow() {
        NO_JAVAFX_OUTSIDE_UI.check(production);
    }

    @Test
    void theWindowDoesNotReachIntoLossOrModelInternals() {
        UI_NOT_ON_LOSS_INTERNALS.check(production);
        UI_NOT_ON_MODEL_BLOCKS.check(production);
    }

    @Test
    void noPackageCycles() {
        NO_PACKAGE_CYCLES.check(production);
    }

    @Test
    void theJavaFxRuleCatchesAnImportOutsideTheWindow() {
        JavaClasses offender = new ClassFileImporter().importClasses(UsesJavaFx.class);
        assertThrows(AssertionError.class, () -> NO_JAVAFX_OUTSIDE_UI.check(offender));
    }

    @Test
    void theUiRulesCatchAWindowClassUsingAMinerOrABlock() {
        JavaClasses offender = new ClassFileImporter().importClasses(ReachesIntoEngine.class);
        assertThrows(AssertionError.class, () -> UI_NOT_ON_LOSS_INTERNALS.check(offender));
        assertThrows(AssertionError.class, () -> UI_NOT_ON_MODEL_BLOCKS.check(offender));
    }

    @Test
    void theCycleRulesCatchANewCycle() {
        JavaClasses offender = new ClassFileImporter().importClasses(CycleA.class, CycleB.class);
        AssertionError cycle = assertThrows(AssertionError.class, () -> NO_PACKAGE_CYCLES.check(offender));
        assertTrue(cycle.getMessage().contains("archfixturea") && cycle.getMessage().contains("archfixtureb"),
                cycle.getMessage());
    }

    /** What the JavaFX rule must refuse: a class outside ui that uses the toolkit. */
    static final class UsesJavaFx {
        javafx.scene.control.Label label() {
            return new javafx.scene.control.Label("headless code must not do this");
        }
    }

    /** What the parse-once rule must refuse: a config's loss text parsed again. */
    static final class ReparsesAConfigsLoss {
        EmbeddingLoss loss(TrainingConfig config) {
            return LossFactory.create(config.loss(), config.lossParams());
        }
    }

    /** What the rule must refuse. */
    static final class DirectNumberArithmetic {
        NDArray twice(NDArray x) {
            return x.mul(2f);
        }
    }
}
