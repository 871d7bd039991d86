package dev.redisfromscratch.testkit.blackbox;

/**
 * How a lab starts its own server for its black-box tests when no {@code --server} is given. An
 * implementation has a public no-argument constructor; {@link BlackBoxTarget} starts one per test
 * class and closes it after the class.
 */
public interface LocalServer extends AutoCloseable {
    /**
     * Starts the server on a free loopback port.
     *
     * @return the port it listens on
     * @throws Exception if it cannot start (a {@link java.net.BindException} gets the SO_REUSEADDR hint)
     */
    int start() throws Exception;

    /** Stops the server. */
    @Override
    void close();
}
