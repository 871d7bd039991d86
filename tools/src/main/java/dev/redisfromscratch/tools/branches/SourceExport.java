package dev.redisfromscratch.tools.branches;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A committed tree, exported into a directory with {@code git archive | tar -x}: what the
 * generator reads (the source's HEAD) and what the check builds (each generated branch). The
 * repository's index and working tree are not involved, so uncommitted changes never leak in.
 */
final class SourceExport {
    private SourceExport() {
    }

    /**
     * Writes the files of {@code revision} into {@code into}.
     *
     * @param repo the repository holding the revision
     * @param revision a commit or branch, e.g. {@code HEAD} or {@code lab2-starter}
     * @param into a new or empty directory
     * @throws IOException if tar fails
     * @throws Git.GitException if git archive fails
     */
    static void export(Git repo, String revision, Path into) throws IOException {
        Files.createDirectories(into);
        Path tar = Files.createTempFile(into.getParent(), "export-", ".tar");
        try {
            repo.run("archive", "--format=tar", "-o", tar.toAbsolutePath().toString(), revision);
            Process p = new ProcessBuilder("tar", "-xf", tar.toAbsolutePath().toString(), "-C", into.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException("tar -xf " + tar + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting " + revision, e);
        } finally {
            Files.deleteIfExists(tar);
        }
    }
}
