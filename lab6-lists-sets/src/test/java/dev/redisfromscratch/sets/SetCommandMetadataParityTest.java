package dev.redisfromscratch.sets;

import dev.redisfromscratch.server.CommandMetadataParity;
import dev.redisfromscratch.server.ListsSetsServer;

/**
 * {@code COMMAND INFO} and {@code COMMAND DOCS} of every set command are Redis 7.0.15's (arity,
 * flags, ACL categories, tips, key specs, SINTERCARD's keynum spec included; summary, since, group,
 * complexity), compared by lab 5's {@link CommandMetadataParity}. Given code: no command is run.
 */
class SetCommandMetadataParityTest extends CommandMetadataParity {
    SetCommandMetadataParityTest() {
        super(ListsSetsServer.extensions(), "sadd", "srem", "smembers", "sismember", "smismember", "scard", "spop",
                "srandmember", "sinter", "sunion", "sdiff", "sinterstore", "sunionstore", "sdiffstore", "sintercard",
                "smove", "sscan");
    }
}
