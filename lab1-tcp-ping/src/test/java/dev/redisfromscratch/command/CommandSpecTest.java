package dev.redisfromscratch.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Command metadata as Redis derives it: implicit ACL categories and the legacy key range. */
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
    }

    @Test
    void theLegacyKeyRangeComesFromTheFirstKeySpec() {
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
}
