package dev.redisfromscratch.testkit.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which graded stage of which lab a test belongs to. On a test class it covers every test in it
 * (nested classes included); on a method it overrides the class's.
 *
 * <p>A lab is written in stages, in order: each stage's tests need only that stage's stubs and
 * the earlier stages', so a student works through them one at a time
 * ({@code ./lab test N --stage K}). The stages' names and what to do next are in the lab's
 * {@code src/test/resources/stages/labN.properties} ({@link Stages}). {@code ./lab grade N}
 * reports points per stage, and a failing test's message names its stage ({@link StageFailures}).
 * A test with no stage checks code the lab gives.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Stage {
    /** @return the lab, 1..8 */
    int lab();

    /** @return the stage within the lab, from 1 */
    int value();
}
