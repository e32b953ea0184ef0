package dev.faultline.junit5;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts the fake upstreams of a scenario file for the annotated test class (not its target: the code
 * under test is the test) and injects a {@link Faultline} into test methods that declare one. The
 * upstreams listen from before the first test to after the last; the journal and the faults are reset
 * before each test, which starts in the scenario's first phase.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(FaultlineExtension.class)
public @interface FaultlineTest {

    /**
     * The scenario file: a path relative to the working directory (the module's folder under Maven), or
     * else a class-path resource ({@code scenarios/checkout.yaml} in {@code src/test/resources}).
     */
    String scenario();

    /** The seed of the fault rules' random streams; by default the scenario's own, else 1. */
    long seed() default FaultlineExtension.SCENARIO_SEED;
}
