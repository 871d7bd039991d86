package dev.redisfromscratch.testkit.grading;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a test is worth when graded ({@code ./lab grade N}). On a method it counts for that test;
 * on a class, for each test in it that has none of its own. A test with neither is worth 1 point.
 * {@link PointsListener} collects them.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
public @interface Points {
    /** The points, at least 1. */
    int value();
}
