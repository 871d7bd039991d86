package dev.redisfromscratch.tools.branches;

import dev.redisfromscratch.tools.branches.Markers.Side;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes the files of one generated branch into a directory, from an exported copy of the
 * source tree.
 *
 * <pre>
 *   labN-starter:   labs before N as solutions, lab N as a starter, later labs left out
 *   labN-solution:  labs up to N as solutions, later labs left out
 * </pre>
 *
 * "Left out" means a later lab's module directory, its {@code <module>} line in the root pom, its
 * handout and trace script, and its rows in the README tables ({@link WorkbookEdits}). Markers
 * ({@link Markers}) are applied to the {@code .java} files of the lab modules only; every other
 * file is copied byte for byte, with its executable bit.
 *
 * <p>Text is read and written as ISO-8859-1, which maps every byte to one char and back: the
 * markers are ASCII, and UTF-8 text (or anything else) passes through unchanged.
 */
final class BranchTree {
    private BranchTree() {
    }

    /**
     * @param source the exported source tree (the root pom at its top)
     * @param target an empty or missing directory to write the branch's files into
     * @param labs every lab of the source, in order
     * @param lab the branch's lab
     * @param sideOfLab {@link Side#STARTER} for {@code labN-starter}, {@link Side#SOLUTION} for
     *     {@code labN-solution}; earlier labs are always solutions
     * @throws Markers.MarkerException for a malformed marker in a lab's code
     */
    static void write(Path source, Path target, List<Lab> labs, Lab lab, Side sideOfLab) throws IOException {
        write(source, target, labs, lab, sideOfLab, stage -> false);
    }

    /**
     * Like {@link #write(Path, Path, List, Lab, Side)}, with the lab's stages that {@code solved}
     * accepts written (see {@link Markers#apply(String, String, Side, java.util.function.IntPredicate)}).
     */
    static void write(Path source, Path target, List<Lab> labs, Lab lab, Side sideOfLab,
                      java.util.function.IntPredicate solved) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path file : files) {
            String path = source.relativize(file).toString().replace('\\', '/');
            Optional<Lab> owner = labOf(path, labs);
            if (owner.isPresent() && owner.get().number() > lab.number()) {
                continue; // a later lab's module
            }
            int handout = WorkbookEdits.handoutLab(path);
            if (handout > lab.number()) {
                continue; // a later lab's handout or trace script
            }
            Path out = target.resolve(path);
            Files.createDirectories(out.getParent());
            if (owner.isPresent() && path.endsWith(".java") && !Files.isSymbolicLink(file)) {
                boolean own = owner.get().number() == lab.number();
                Side side = own ? sideOfLab : Side.SOLUTION;
                Optional<String> transformed = Markers.apply(path, read(file), side, own ? solved : stage -> false);
                if (transformed.isPresent()) {
                    write(out, transformed.get(), file);
                }
            } else if (path.equals("pom.xml")) {
                write(out, WorkbookEdits.rootPom(read(file), lab.number()), file);
            } else if (path.equals("README.md")) {
                int current = sideOfLab == Side.STARTER ? lab.number() : 0;
                write(out, WorkbookEdits.readme(read(file), labs, lab.number(), current), file);
            } else if (path.equals("INSTRUCTORS.md")) {
                write(out, WorkbookEdits.instructors(read(file)), file); // no answer keys for students
            } else if (path.equals("handouts/README.md")) {
                write(out, WorkbookEdits.labTable(path, read(file), lab.number(), 0), file);
            } else {
                Files.copy(file, out, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** @return the lab whose module directory holds {@code path}, if any */
    static Optional<Lab> labOf(String path, List<Lab> labs) {
        for (Lab l : labs) {
            if (path.startsWith(l.module() + "/")) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code text}, with the permissions of {@code like} (the executable bit of a script). */
    private static void write(Path out, String text, Path like) {
        try {
            Files.writeString(out, text, StandardCharsets.ISO_8859_1);
            Files.setPosixFilePermissions(out, Files.getPosixFilePermissions(like));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: git records 644 anyway
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
