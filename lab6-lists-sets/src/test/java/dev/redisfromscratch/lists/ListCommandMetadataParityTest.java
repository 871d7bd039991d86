package dev.redisfromscratch.lists;

import dev.redisfromscratch.server.CommandMetadataParity;
import dev.redisfromscratch.server.ListsSetsServer;

/**
 * {@code COMMAND INFO} and {@code COMMAND DOCS} of every list command lab 6 adds are Redis
 * 7.0.15's (arity, flags, ACL categories, key specs, LMPOP's keynum spec and movablekeys; summary,
 * since, group, complexity), compared by lab 5's {@link CommandMetadataParity}. Given code: no
 * command runs.
 */
class ListCommandMetadataParityTest extends CommandMetadataParity {
    ListCommandMetadataParityTest() {
        super(ListsSetsServer.extensions(), "lpush", "rpush", "lpushx", "rpushx", "lpop", "rpop", "llen", "lrange",
                "lindex", "lset", "lrem", "ltrim", "linsert", "lpos", "lmove", "rpoplpush", "lmpop");
    }
}
