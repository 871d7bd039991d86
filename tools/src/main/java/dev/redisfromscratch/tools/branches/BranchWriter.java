package dev.redisfromscratch.tools.branches;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Commits a directory of files as the new tip of a branch, with git plumbing only, so that the
 * repository's checked-out branch, index and working tree are never touched:
 *
 * <pre>
 *   GIT_INDEX_FILE=&lt;temp&gt; git --work-tree=&lt;dir&gt; add -A -f .   a temporary index of the files
 *   GIT_INDEX_FILE=&lt;temp&gt; git write-tree                        their tree object
 *   git commit-tree &lt;tree&gt; -p &lt;old tip&gt; -p &lt;other parent&gt;    the commit
 *   git update-ref refs/heads/&lt;branch&gt; &lt;commit&gt; &lt;old tip&gt;     the branch moves (if nobody moved it meanwhile)
 * </pre>
 *
 * A branch whose tip already has exactly this tree is left as it is, so running the generator
 * twice changes nothing. A branch checked out in a worktree of the repository is refused, unless
 * the writer may fast-forward checked-out branches (a repository made by {@code --into}): then
 * that worktree moves with {@code git merge --ff-only}, which keeps (or refuses to overwrite)
 * uncommitted changes.
 */
final class BranchWriter {
    /** What happened to a branch. */
    enum Status { CREATED, UPDATED, UNCHANGED }

    /**
     * @param branch the branch name
     * @param status what happened to it
     * @param commit its tip now
     * @param worktree the worktree that was fast-forwarded to it, or {@code null}
     */
    record Outcome(String branch, Status status, String commit, Path worktree) {
    }

    private final Git repo;
    private final Path gitDir;
    private final Path scratch;
    private final Map<String, String> identity;
    private final Map<String, Path> checkedOut;
    private final boolean fastForwardCheckedOut;

    /**
     * @param repo the repository the branches are written to
     * @param scratch a private directory for the temporary index files
     * @param fastForwardCheckedOut whether a checked-out branch may move, its worktree with it
     *     ({@code false} for the user's own clone)
     */
    BranchWriter(Git repo, Path scratch, boolean fastForwardCheckedOut) {
        this.repo = repo;
        this.gitDir = Path.of(repo.run("rev-parse", "--absolute-git-dir"));
        this.scratch = scratch;
        this.identity = identity(repo);
        this.checkedOut = checkedOutBranches(repo);
        this.fastForwardCheckedOut = fastForwardCheckedOut;
    }

    /**
     * Makes {@code files} the tree of {@code branch}.
     *
     * @param files the directory holding the branch's files (nothing else)
     * @param otherParent the commit this one also descends from (the previous lab's starter, or
     *     this lab's starter), or {@code null}
     * @param message the commit message
     * @return what happened
     * @throws Git.GitException if git fails, or the branch is checked out somewhere
     */
    Outcome write(String branch, Path files, String otherParent, String message) throws IOException {
        String ref = "refs/heads/" + branch;
        Path index = scratch.resolve("index-" + branch);
        Files.deleteIfExists(index);
        Map<String, String> env = Map.of("GIT_INDEX_FILE", index.toAbsolutePath().toString());
        Git tree = new Git(files);
        String gitDirOption = "--git-dir=" + gitDir;
        tree.run(env, gitDirOption, "--work-tree=" + files.toAbsolutePath(), "add", "-A", "-f", ".");
        String treeId = tree.run(env, gitDirOption, "write-tree");
        Files.deleteIfExists(index);

        Optional<String> old = repo.resolve(ref);
        if (old.isPresent() && repo.run("rev-parse", old.get() + "^{tree}").equals(treeId)) {
            return new Outcome(branch, Status.UNCHANGED, old.get(), null);
        }
        Path worktree = checkedOut.get(ref);
        if (worktree != null && !fastForwardCheckedOut) {
            throw new Git.GitException(branch + " is checked out in " + worktree
                    + "; it is left as it is (check out another branch, then generate again)");
        }
        Set<String> parents = new LinkedHashSet<>();
        old.ifPresent(parents::add);
        if (otherParent != null) {
            parents.add(otherParent);
        }
        List<String> commitTree = new ArrayList<>(List.of("commit-tree", treeId, "-m", message));
        for (String p : parents) {
            commitTree.add("-p");
            commitTree.add(p);
        }
        String commit = repo.run(identity, commitTree.toArray(String[]::new));
        if (worktree != null) {
            // The new commit's first parent is the old tip: a fast-forward, files and all.
            new Git(worktree).run("merge", "--ff-only", "-q", commit);
            return new Outcome(branch, Status.UPDATED, commit, worktree);
        }
        repo.run("update-ref", "-m", "lab branches: " + branch, ref, commit, old.orElse("") /* "": the branch must not exist yet */);
        return new Outcome(branch, old.isPresent() ? Status.UPDATED : Status.CREATED, commit, null);
    }

    /** @return each {@code refs/heads/...} checked out in a worktree of {@code repo}, with that worktree */
    private static Map<String, Path> checkedOutBranches(Git repo) {
        Map<String, Path> refs = new HashMap<>();
        Path worktree = null;
        for (String line : repo.run("worktree", "list", "--porcelain").split("\n")) {
            if (line.startsWith("worktree ")) {
                worktree = Path.of(line.substring("worktree ".length()));
            } else if (line.startsWith("branch ") && worktree != null) {
                refs.put(line.substring("branch ".length()).strip(), worktree);
            }
        }
        return refs;
    }

    /**
     * @return no extra environment if git knows who commits (user.name and user.email), else a
     *     neutral identity for the generated commits
     */
    private static Map<String, String> identity(Git repo) {
        Git.Result name = repo.tryRun(Map.of(), "config", "user.name");
        Git.Result email = repo.tryRun(Map.of(), "config", "user.email");
        if (name.status() == 0 && email.status() == 0) {
            return Map.of();
        }
        Map<String, String> env = new HashMap<>();
        env.put("GIT_AUTHOR_NAME", "lab branches");
        env.put("GIT_AUTHOR_EMAIL", "lab-branches@localhost");
        env.put("GIT_COMMITTER_NAME", "lab branches");
        env.put("GIT_COMMITTER_EMAIL", "lab-branches@localhost");
        return env;
    }
}
