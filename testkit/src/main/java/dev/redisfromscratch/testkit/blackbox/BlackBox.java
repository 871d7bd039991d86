package dev.redisfromscratch.testkit.blackbox;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class as black-box: its tests speak to a server only over TCP, with
 * {@link WireClient}, so they can grade any server, in any language.
 *
 * <ul>
 *   <li>By default they run against the lab's own server, started by {@link #local()}.
 *   <li>With the configuration parameter (or system property) {@code grade.server=HOST:PORT}
 *       ({@code ./lab grade N --server HOST:PORT}) they run against that server instead.
 *   <li>Each test gets a {@link ServerUnderTest} parameter, with keys and values randomised from a
 *       printed seed ({@code grade.seed} reproduces a run).
 *   <li>Each test fails after 10 s ("timed out after 10 seconds"), even if a read blocks.
 * </ul>
 *
 * <p>A black-box class uses testkit and JUnit's API only, never the lab's code (but for its
 * {@link #local()} server) nor another library: the standalone grader jar, which runs these
 * classes against any server, holds nothing else.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(BlackBox.TAG)
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(BlackBoxTarget.class)
public @interface BlackBox {
    /** The JUnit tag every black-box test carries: {@code -Dgroups=blackbox} runs only them. */
    String TAG = "blackbox";

    /** Starts the lab's own server when no {@code grade.server} is given. */
    Class<? extends LocalServer> local();
}
