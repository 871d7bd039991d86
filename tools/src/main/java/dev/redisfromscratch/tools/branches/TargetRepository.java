package dev.redisfromscratch.tools.branches;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the branches go: the source clone itself, or the repository given with {@code --into DIR},
 * created with {@code git init} if DIR is missing or empty.
 *
 * @param dir the repository's directory
 * @param isNew whether it was just created (then {@code labN-starter} of the first lab is checked out
 *     once the branches exist)
 * @param separate whether it is not the source clone ({@code --into}): only then may a checked-out
 *     generated branch be fast-forwarded, its working tree with it
 */
record TargetRepository(Path dir, boolean isNew, boolean separate) {

    /**
     * Opens or creates the repository at {@code dir}.
     *
     * @throws IllegalArgumentException if {@code dir} holds files but is not the top of a git
     *     repository (its working tree, or a bare repository)
     */
    static TargetRepository into(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.exists(abs) || isEmptyDirectory(abs)) {
            Files.createDirectories(abs);
            new Git(abs).run("init", "-q");
            return new TargetRepository(abs, true, true);
        }
        Git git = new Git(abs);
        Git.Result bare = git.tryRun(Map.of(), "rev-parse", "--is-bare-repository");
        Git.Result top = git.tryRun(Map.of(), "rev-parse", "--show-toplevel");
        boolean isTop = top.status() == 0 && !top.out().isBlank()
                && Path.of(top.out().strip()).toRealPath().equals(abs.toRealPath());
        boolean isBare = bare.status() == 0 && bare.out().strip().equals("true");
        if (!isTop && !isBare) {
            throw new IllegalArgumentException(abs + " exists and is not the top of a git repository: "
                    + "give a new or empty directory, or an existing repository");
        }
        return new TargetRepository(abs, false, true);
    }

    /** The source clone itself: branches are added next to its own. */
    static TargetRepository inPlace(Path clone) {
        return new TargetRepository(clone.toAbsolutePath().normalize(), false, false);
    }

    /** Checks out {@code branch} in a new repository, so that DIR shows the first starter at once. */
    void checkOutIfNew(String branch) {
        if (isNew) {
            new Git(dir).run("checkout", "-q", branch);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
