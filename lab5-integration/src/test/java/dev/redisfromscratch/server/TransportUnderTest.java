package dev.redisfromscratch.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place lab 5's test fixtures let a later lab's transport serve an earlier lab's tests:
 * when the system property {@value #PROPERTY} names a {@link ServerExtension} class (with a public
 * no-argument constructor), {@link IntegratedServerFixture}, {@link ParityServers} (through it) and
 * {@link IntegratedLocalServer} add an instance of it after the test's own extensions, so its
 * {@link ServerExtension#transport()} wins. Lab 7 runs labs 5's and 6's parity tests, unchanged,
 * on its event loop this way ({@code -Dredisfromscratch.extension=dev.redisfromscratch.server.ConcurrencyServer}).
 *
 * <p>Unset (the default), the tests run on the transport their own extensions choose.
 */
public final class TransportUnderTest {
    /** The system property naming the extension class. */
    public static final String PROPERTY = "redisfromscratch.extension";

    private TransportUnderTest() {
    }

    /**
     * @param extensions the test's extensions
     * @return them, plus the extension {@value #PROPERTY} names if it is set and not already there
     * @throws IllegalStateException if the class cannot be made
     */
    public static List<ServerExtension> apply(List<ServerExtension> extensions) {
        String name = System.getProperty(PROPERTY, "");
        if (name.isBlank()) {
            return extensions;
        }
        for (ServerExtension e : extensions) {
            if (e.getClass().getName().equals(name)) {
                return extensions;
            }
        }
        try {
            ServerExtension extra = (ServerExtension) Class.forName(name).getConstructor().newInstance();
            List<ServerExtension> all = new ArrayList<>(extensions);
            all.add(extra);
            return List.copyOf(all);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(PROPERTY + "=" + name + " is not a ServerExtension with a public no-argument constructor", e);
        }
    }
}
