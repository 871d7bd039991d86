package dev.redisfromscratch.blocking;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.KeySpec;
import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.lists.ListEnd;
import dev.redisfromscratch.lists.ListOps;
import dev.redisfromscratch.lists.ListValue;
import dev.redisfromscratch.server.IntegratedServer;
import dev.redisfromscratch.server.ListsSetsServer;
import dev.redisfromscratch.server.ServerExtension;
import dev.redisfromscratch.store.DataStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The blocking tests' server: lab 6's, plus {@code LPUSH}, {@code RPUSH}, {@code LMOVE} and {@code LRANGE} where
 * the list commands have not registered them, so that these tests need only the blocking pops
 * and {@code ListOps}. Where the list commands are there, they are used as they are.
 */
final class ListCommandsStandIn implements ServerExtension {
    private ListCommandsStandIn() {
    }

    /** @return {@code ListsSetsServer.extensions()} then this */
    static List<ServerExtension> extensions() {
        List<ServerExtension> all = new ArrayList<>(ListsSetsServer.extensions());
        all.add(new ListCommandsStandIn());
        return all;
    }

    @Override
    public void extend(IntegratedServer.Parts parts) {
        EncodingLimits limits = EncodingLimits.defaults();
        for (ListEnd end : ListEnd.values()) {
            String name = end == ListEnd.LEFT ? "lpush" : "rpush";
            if (parts.table().lookup(name) == null) {
                parts.table().register(CommandSpec.builder(name, -3)
                        .flags(CommandFlag.WRITE, CommandFlag.DENYOOM, CommandFlag.FAST).acl(AclCategory.LIST)
                        .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.INSERT))
                        .docs("stand-in", "1.0.0", "list", "O(1)")
                        .handler(call -> {
                            DataStore store = parts.dbs().of(call.client());
                            long size = 0;
                            for (int i = 2; i < call.argc(); i++) {
                                size = ListOps.push(store, call.arg(1), end, call.arg(i), limits);
                            }
                            call.reply().integer(size);
                        })
                        .build());
            }
        }
        if (parts.table().lookup("lmove") == null) { // WATCH finds a propagated LMOVE's keys in its row
            parts.table().register(CommandSpec.builder("lmove", 5)
                    .flags(CommandFlag.WRITE, CommandFlag.DENYOOM).acl(AclCategory.LIST)
                    .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.ACCESS, KeySpec.Flag.DELETE))
                    .keys(KeySpec.range(2, 0, 1, KeySpec.Flag.RW, KeySpec.Flag.INSERT))
                    .docs("stand-in", "6.2.0", "list", "O(1)")
                    .handler(call -> {
                        byte[] moved = ListOps.move(parts.dbs().of(call.client()), call.arg(1),
                                ListEnd.parse(call.arg(3)), call.arg(2), ListEnd.parse(call.arg(4)), limits);
                        if (moved == null) {
                            call.reply().nullBulk();
                        } else {
                            call.reply().bulk(moved);
                        }
                    })
                    .build());
        }
        if (parts.table().lookup("lrange") == null) {
            parts.table().register(CommandSpec.builder("lrange", 4)
                    .flags(CommandFlag.READONLY).acl(AclCategory.LIST)
                    .keys(KeySpec.range(1, 0, 1, KeySpec.Flag.RO, KeySpec.Flag.ACCESS))
                    .docs("stand-in", "1.0.0", "list", "O(N)")
                    .handler(call -> {
                        ListValue list = (ListValue) parts.dbs().of(call.client()).lookup(call.arg(1), ListValue.LIST);
                        List<byte[]> all = new ArrayList<>();
                        if (list != null) {
                            list.forEach(all::add);
                        }
                        int n = all.size();
                        int start = Integer.parseInt(call.argString(2));
                        int stop = Integer.parseInt(call.argString(3));
                        start = Math.max(0, start < 0 ? n + start : start);
                        stop = Math.min(n - 1, stop < 0 ? n + stop : stop);
                        List<byte[]> range = start > stop ? List.of() : all.subList(start, stop + 1);
                        call.reply().arrayHeader(range.size());
                        range.forEach(call.reply()::bulk);
                    })
                    .build());
        }
    }
}
