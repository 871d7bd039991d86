package dev.redisfromscratch.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Command metadata as Redis derives it: implicit ACL categories, the legacy key range, the keys of a request. */
class CommandSpecTest {
    @Test
    void flagsImplyAclCategoriesAndAnythingNotFastIsSlow() {
        CommandSpec get = CommandSpec.builder("get", 2).flags(CommandFlag.READONLY, CommandFlag.FAST)
                .acl(AclCategory.STRING).docs("d", "1.0.0", "string", "O(1)").handler(call -> { }).build();
        CommandSpec configGet = CommandSpec.builder("config|get", -3).flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT)
                .docs("d", "2.0.0", "server", "O(N)").handler(call -> { }).build();

        assertThat(get.aclCategories()).containsExactly(AclCategory.READ, AclCategory.STRING, AclCategory.FAST);
        assertThat(configGet.aclCategories()).containsExactly(AclCategory.ADMIN, AclCategory.SLOW, AclCategory.DANGEROUS);
        assertThat(AclCategory.READ.wireName()).isEqualTo("@read");
        assertThat(CommandFlag.DENYOOM.wireName()).isEqualTo("denyoom");
        assertThat(CommandFlag.SENTINEL.isReported()).isFalse(); // in the table, hidden from COMMAND INFO
        assertThat(CommandFlag.MAY_REPLICATE.isReported()).isFalse();
        assertThat(CommandFlag.FAST.isReported()).isTrue();
    }

    @Test
    void theLegacyKeyRangeComesFromAKeySpec() {
        CommandSpec del = CommandSpec.builder("del", -2).flags(CommandFlag.WRITE)
                .keys(KeySpec.range(1, -1, 1, KeySpec.Flag.RM, KeySpec.Flag.DELETE))
                .docs("d", "1.0.0", "generic", "O(N)").handler(call -> { }).build();
        CommandSpec get = CommandSpec.builder("get", 2)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO))
                .docs("d", "1.0.0", "string", "O(1)").handler(call -> { }).build();

        assertThat(new int[] {del.firstKey(), del.lastKey(), del.keyStep()}).containsExactly(1, -1, 1);
        assertThat(new int[] {get.firstKey(), get.lastKey(), get.keyStep()}).containsExactly(1, 1, 1);
        assertThat(new int[] {PingCommand.SPEC.firstKey(), PingCommand.SPEC.lastKey(), PingCommand.SPEC.keyStep()})
                .containsExactly(0, 0, 0);
        assertThat(KeySpec.Flag.RM.wireName()).isEqualTo("RM");
        assertThat(KeySpec.Flag.DELETE.wireName()).isEqualTo("delete");
    }

    @Test
    void consecutiveKeySpecsMergeIntoOneLegacyRange() {
        // RENAME key newkey: two specs, at 1 and 2, reported as first 1, last 2, step 1
        CommandSpec rename = CommandSpec.builder("rename", 3).flags(CommandFlag.WRITE)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE))
                .keys(KeySpec.range(2, 0, 1, KeySpec.Flag.OW, KeySpec.Flag.UPDATE))
                .docs("d", "1.0.0", "generic", "O(1)").handler(call -> { }).build();
        // a key at 1, then keys from 2 to the end: the end wins
        CommandSpec toTheEnd = CommandSpec.builder("x", -2)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW))
                .keys(KeySpec.range(2, -1, 1, KeySpec.Flag.RO))
                .docs("d", "1.0.0", "generic", "O(1)").handler(call -> { }).build();
        // a second spec that does not follow the first is left out
        CommandSpec apart = CommandSpec.builder("y", -4)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW))
                .keys(KeySpec.range(3, 0, 1, KeySpec.Flag.RO))
                .docs("d", "1.0.0", "generic", "O(1)").handler(call -> { }).build();

        assertThat(new int[] {rename.firstKey(), rename.lastKey(), rename.keyStep()}).containsExactly(1, 2, 1);
        assertThat(new int[] {toTheEnd.firstKey(), toTheEnd.lastKey(), toTheEnd.keyStep()}).containsExactly(1, -1, 1);
        assertThat(new int[] {apart.firstKey(), apart.lastKey(), apart.keyStep()}).containsExactly(1, 1, 1);
    }

    @Test
    void aSpecNeedsDocsAHandlerOrSubcommandsAndANonZeroArity() {
        assertThatThrownBy(() -> CommandSpec.builder("x", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandSpec.builder("x", 1).docs("d", "1", "g", "c").build())
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CommandSpec.builder("x", 1).handler(call -> { }).build())
                .isInstanceOf(NullPointerException.class);
        CommandSpec sub = CommandSpec.builder("y|z", 2).docs("d", "1", "g", "c").handler(call -> { }).build();
        assertThatThrownBy(() -> CommandSpec.builder("x", -2).subcommand(sub))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theKeysOfARequestComeFromEveryKeySpecAsRedisFindsThem() {
        CommandSpec mset = CommandSpec.builder("mset", -3).flags(CommandFlag.WRITE)
                .keys(KeySpec.range(1, -1, 2, KeySpec.Flag.OW, KeySpec.Flag.UPDATE))
                .docs("d", "1.0.1", "string", "O(N)").handler(call -> { }).build();
        CommandSpec rename = CommandSpec.builder("rename", 3).flags(CommandFlag.WRITE)
                .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE))
                .keys(KeySpec.range(2, 0, 1, KeySpec.Flag.OW, KeySpec.Flag.UPDATE))
                .docs("d", "1.0.0", "generic", "O(1)").handler(call -> { }).build();
        CommandSpec halves = CommandSpec.builder("halves", -2)
                .keys(new KeySpec(null, java.util.Set.of(KeySpec.Flag.RO), 1, -1, 1, 2))
                .docs("d", "1.0.0", "generic", "O(1)").handler(call -> { }).build();

        assertThat(text(mset.keysOf(args("MSET", "a", "1", "b", "2")))).containsExactly("a", "b");
        assertThat(text(rename.keysOf(args("RENAME", "from", "to")))).containsExactly("from", "to");
        assertThat(text(halves.keysOf(args("HALVES", "k1", "k2", "v1", "v2")))).containsExactly("k1", "k2");
        assertThat(PingCommand.SPEC.keysOf(args("PING", "x"))).isEmpty();
        assertThat(mset.keySpecs().get(0).keyIndexes(1)).isEmpty(); // too few arguments: no keys, as Redis
    }

    @Test
    void aKeynumSpecReadsHowManyKeysFollowFromTheRequest() {
        CommandSpec lmpop = CommandSpec.builder("lmpop", -4).flags(CommandFlag.WRITE, CommandFlag.MOVABLEKEYS)
                .keys(KeySpec.keynum(1, 0, 1, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE))
                .docs("d", "7.0.0", "list", "O(N)").handler(call -> { }).build();

        assertThat(text(lmpop.keysOf(args("LMPOP", "2", "a", "b", "LEFT")))).containsExactly("a", "b");
        assertThat(text(lmpop.keysOf(args("LMPOP", "1", "a", "LEFT", "COUNT", "2")))).containsExactly("a");
        assertThat(lmpop.keysOf(args("LMPOP", "5", "a", "LEFT"))).isEmpty(); // fewer keys than it says
        assertThat(lmpop.keysOf(args("LMPOP", "x", "a", "LEFT"))).isEmpty();
        assertThat(lmpop.keySpecs().get(0).keyIndexes(5)).isEmpty(); // needs the request itself
        assertThat(new int[] {lmpop.firstKey(), lmpop.lastKey(), lmpop.keyStep()}).containsExactly(0, 0, 0);
    }

    @Test
    void withHandlerKeepsTheRowAndChangesOnlyTheBody() {
        CommandSpec wrapped = PingCommand.SPEC.withHandler(call -> call.reply().simpleString("wrapped"));

        assertThat(wrapped.name()).isEqualTo("ping");
        assertThat(wrapped.arity()).isEqualTo(PingCommand.SPEC.arity());
        assertThat(wrapped.flags()).isEqualTo(PingCommand.SPEC.flags());
        assertThat(wrapped.aclCategories()).isEqualTo(PingCommand.SPEC.aclCategories());
        assertThat(wrapped.tips()).isEqualTo(PingCommand.SPEC.tips());
        assertThat(wrapped.docs()).isEqualTo(PingCommand.SPEC.docs());
        assertThat(wrapped.handler()).isNotSameAs(PingCommand.SPEC.handler());
    }

    private static List<byte[]> args(String... argv) {
        return Arrays.stream(argv).map(a -> a.getBytes(StandardCharsets.US_ASCII)).toList();
    }

    private static List<String> text(List<byte[]> argv) {
        return argv.stream().map(a -> new String(a, StandardCharsets.US_ASCII)).toList();
    }
}
