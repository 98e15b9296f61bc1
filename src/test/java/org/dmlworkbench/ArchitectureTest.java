package org.dmlworkbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import ai.djl.ndarray.NDArray;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
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
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> NO_NUMBER_ARITHMETIC_ON_NDARRAYS.check(offender));
    }

    /** What the rule must refuse. */
    static final class DirectNumberArithmetic {
        NDArray twice(NDArray x) {
            return x.mul(2f);
        }
    }
}
