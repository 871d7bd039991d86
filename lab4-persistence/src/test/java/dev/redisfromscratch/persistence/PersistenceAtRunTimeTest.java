package dev.redisfromscratch.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.aof.FsyncPolicy;
import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.server.DataStoreServer;
import dev.redisfromscratch.snapshot.ValueCodecs;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.testkit.ManualClock;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seam lab 5's {@code CONFIG SET} and {@code INFO persistence} use: {@link Persistence}'s
 * settings changed while it runs ({@code save}, {@code appendonly}, {@code appendfsync},
 * {@code stop-writes-on-bgsave-error}) and its read-only state. Background work runs on the
 * calling thread here, so the next {@link Persistence#cron()} completes it.
 */
@Stage(lab = 4, value = 3)
class PersistenceAtRunTimeTest {
    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();
    private final DataStore store = new DataStore(clock);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Client client = new Client("127.0.0.1:1", new InlineFramer());
    private CommandPipeline pipeline;
    private Persistence persistence;

    @BeforeEach
    void create() {
        ServerConfig config = ServerConfig.ephemeral().set("dir", dir.toString());
        pipeline = DataStoreServer.pipeline(DataStoreServer.commands(store), store);
        persistence = new Persistence(PersistenceConfig.from(config), Databases.single(store), pipeline, ValueCodecs.strings(),
                Runnable::run, log::add);
    }

    @AfterEach
    void close() {
        persistence.closeAppendOnlyFile();
    }

    private void run(String... args) {
        pipeline.processCommand(client, Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.UTF_8)).toList());
        persistence.beforeReply();
    }

    private String aof() throws Exception {
        return Files.readString(dir.resolve("appendonly.aof"), StandardCharsets.ISO_8859_1);
    }

    @Test
    void newSavePointsAreCheckedByTheNextCron() {
        assertThat(persistence.config().savePoints().isEmpty()).isTrue();
        run("SET", "k", "v");
        clock.advance(Duration.ofSeconds(11));
        persistence.cron();
        assertThat(persistence.changesSinceLastSave()).isEqualTo(1);
        persistence.savePoints(SavePoints.parse("10 1"));
        persistence.cron(); // starts the save (done at once here)
        persistence.cron(); // and applies its result
        assertThat(persistence.lastBgsaveOk()).as("the background save succeeded; the log: %s", log).isTrue();
        assertThat(persistence.changesSinceLastSave()).isZero();
        assertThat(persistence.bgsaveInProgress()).isFalse();
        assertThat(dir.resolve("dump.json")).exists();
    }

    @Test
    void appendOnlyOnRewritesTheKeyspaceIntoAFreshFileAndOffStopsWritingIt() throws Exception {
        Files.writeString(dir.resolve("appendonly.aof"), "stale"); // left by an earlier run
        run("SET", "before", "1");
        persistence.appendOnly(true);
        assertThat(persistence.config().appendOnly()).isTrue();
        run("SET", "during", "2");
        persistence.cron(); // the rewrite (done at once here) replaces the file
        assertThat(persistence.lastRewriteOk()).as("the rewrite succeeded; the log: %s", log).isTrue();
        assertThat(persistence.rewriteScheduled()).isFalse();
        run("SET", "after", "3");
        assertThat(aof()).doesNotContain("stale").contains("before", "during", "after");

        persistence.appendFsync(FsyncPolicy.ALWAYS);
        assertThat(persistence.appendOnlyFile().policy()).isEqualTo(FsyncPolicy.ALWAYS);
        assertThat(persistence.config().fsync()).isEqualTo(FsyncPolicy.ALWAYS);
        run("SET", "always", "4");
        assertThat(aof()).contains("always");
        assertThat(persistence.appendOnlyFile().bufferedBytes()).isZero();

        persistence.appendOnly(false);
        assertThat(persistence.appendOnlyFile()).isNull();
        run("SET", "off", "5");
        assertThat(aof()).doesNotContain("off");
    }

    @Test
    void writesAreRefusedAfterAFailedSaveOnlyWhileStopWritesOnBgsaveErrorIsOn() throws Exception {
        persistence.savePoints(SavePoints.parse("3600 1"));
        Files.createDirectory(dir.resolve("dump.json")); // the save cannot rename its file over it
        persistence.bgsave(false);
        persistence.cron();
        assertThat(persistence.lastBgsaveOk()).isFalse();
        var set = DataStoreServer.commands(store).lookup("set");
        assertThat(set.has(CommandFlag.WRITE)).isTrue();
        assertThat(persistence.refuse(client, set)).startsWith("MISCONF");
        persistence.stopWritesOnBgsaveError(false);
        assertThat(persistence.refuse(client, set)).isNull();
    }

    @Test
    void aBackgroundTaskThatEndsTellsTheListenersAndCheckBackgroundDoneAppliesItsResult() {
        AtomicInteger ended = new AtomicInteger();
        persistence.onBackgroundWorkEnded(ended::incrementAndGet);
        run("SET", "k", "v");
        assertThat(persistence.bgsave(false)).isNotNull();
        assertThat(ended).as("the save ran on the (here: calling) background thread, then told the listener").hasValue(1);
        assertThat(persistence.bgsaveInProgress()).as("its result is the server thread's to apply").isTrue();
        persistence.checkBackgroundDone(); // what lab 7's loop runs when woken, without waiting for the cron
        assertThat(persistence.bgsaveInProgress()).isFalse();
        assertThat(persistence.lastBgsaveOk()).as("the log: %s", log).isTrue();
        assertThat(persistence.changesSinceLastSave()).isZero();
    }
}
