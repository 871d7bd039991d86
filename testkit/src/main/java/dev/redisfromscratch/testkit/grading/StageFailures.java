package dev.redisfromscratch.testkit.grading;

import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Makes a failing test say which stage it belongs to and what to write next:
 *
 * <pre>
 *   lab 1, stage 2 of 3 (dispatch): the server thread died: ... TODO(lab1): look the command up ...
 *     next: write CommandPipeline.processCommand, then PingCommand and EchoCommand (README: What you write)
 * </pre>
 *
 * The failure itself is kept as the cause. Tests without a {@link Stage} are left alone.
 * Registered for every lab through {@code META-INF/services/org.junit.jupiter.api.extension.Extension},
 * after {@code ServerThreadFailures}, so it prefixes that extension's explanation.
 */
public final class StageFailures implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    /** A failure already labelled with its stage. */
    static final class StageFailure extends AssertionError {
        private static final long serialVersionUID = 1L;

        StageFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw label(context, failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw label(context, failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw label(context, failure);
    }

    static Throwable label(ExtensionContext context, Throwable failure) {
        if (failure instanceof StageFailure || context.getTestClass().isEmpty()) {
            return failure;
        }
        Optional<Method> method = context.getTestMethod();
        Optional<Stage> stage = Stages.of(method, context.getRequiredTestClass());
        if (stage.isEmpty()) {
            return failure;
        }
        Stages.Info info = Stages.describe(stage.get(), context.getRequiredTestClass().getClassLoader());
        String message = info.label() + ": " + (failure.getMessage() == null ? failure.toString() : failure.getMessage())
                + (info.next().isEmpty() ? "" : "\n  next: " + info.next());
        return new StageFailure(message, failure);
    }
}
