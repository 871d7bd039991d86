package dev.redisfromscratch.strings;

import dev.redisfromscratch.store.TypedValue;
import dev.redisfromscratch.store.ValueType;

/** A value of another type than string, standing in for the list that lab 6 adds: for WRONGTYPE parity (Redis gets an {@code RPUSH}). */
record ListStandIn() implements TypedValue {
    @Override
    public ValueType type() {
        return new ValueType("list");
    }
}
