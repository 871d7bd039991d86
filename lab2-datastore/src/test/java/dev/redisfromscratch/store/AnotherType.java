package dev.redisfromscratch.store;

/** A value of a type other than string, as lab 6's lists will be: for WRONGTYPE tests. */
public record AnotherType(String name) implements TypedValue {
    /** A stand-in list. */
    public static final AnotherType LIST = new AnotherType("list");

    @Override
    public ValueType type() {
        return new ValueType(name);
    }

    @Override
    public AnotherType copy() {
        return new AnotherType(name);
    }

    @Override
    public String encoding() {
        return "quicklist";
    }
}
