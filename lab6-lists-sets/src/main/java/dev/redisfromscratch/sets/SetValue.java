package dev.redisfromscratch.sets;

import dev.redisfromscratch.encoding.EncodingLimits;
import dev.redisfromscratch.encoding.Listpack;
import dev.redisfromscratch.protocol.Numbers;
import dev.redisfromscratch.store.Dict;
import dev.redisfromscratch.store.Key;
import dev.redisfromscratch.store.TypedValue;
import dev.redisfromscratch.store.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A set in the keyspace, in one of Redis 7.2's three encodings, which {@code OBJECT ENCODING} names:
 *
 * <pre>
 *   intset     every member a canonical 64-bit integer, at most set-max-intset-entries (512)
 *              members: one sorted array ({@link IntSet})
 *   listpack   at most set-max-listpack-entries (128) members, none longer than
 *              set-max-listpack-value (64 bytes): one packed byte[] ({@link Listpack}),
 *              searched linearly, members in the order they were added
 *   hashtable  anything else: lab 2's {@link Dict}, one node per member
 * </pre>
 *
 * <p><b>Conversions</b> only ever go towards {@code hashtable}, never back (Redis 7.2's rules,
 * {@code t_set.c}):
 * <ul>
 *   <li>a new set ({@link #create}) is an intset if its first member is an integer and the
 *       command adds at most 512 members; else a listpack if it adds at most 128; else a hash
 *       table ({@code setTypeCreate} and its size hint);</li>
 *   <li>before a command adds {@code n} members to an existing set, {@link #maybeConvert}: a
 *       listpack with {@code n > 128} or an intset with {@code n > 512} becomes a hash table at
 *       once ({@code setTypeMaybeConvert});</li>
 *   <li>an intset given a 513th integer becomes a hash table; given a member that is not an
 *       integer, it becomes a listpack if it has fewer than 128 members, the new member is at most
 *       64 bytes and so is the text of its smallest and largest integers, else a hash table
 *       ({@code setTypeAddAux});</li>
 *   <li>a listpack given a 129th member, or a member longer than 64 bytes, becomes a hash table.</li>
 * </ul>
 * "An integer" is Redis's {@code string2ll}: {@code -12} is one, {@code 007}, {@code +1},
 * {@code -0} and {@code " 1"} are not ({@link Numbers#string2ll}), so that a member's text
 * survives the trip through the intset unchanged.
 *
 * <p><b>Reads never hand out the live collection:</b> {@link #forEach}, {@link #members()} and
 * {@link #scan} hand out members one at a time (integers as new arrays of their text); the arrays
 * they pass must not be modified.
 *
 * <p>Not thread-safe: the server runs commands under its lock.
 *
 * <p>Redis: {@code t_set.c} ({@code setTypeCreate}, {@code setTypeMaybeConvert},
 * {@code setTypeAddAux}, {@code setTypeRemoveAux}, {@code setTypeIsMemberAux},
 * {@code setTypeConvertAndExpand}, {@code setTypeDup}); {@code server.h}, {@code OBJ_ENCODING_*}.
 */
public final class SetValue implements TypedValue {
    /** {@code TYPE}'s answer for a set. */
    public static final ValueType SET = new ValueType("set");

    /** {@code OBJECT ENCODING} of a set of few integers. */
    public static final String INTSET = "intset";
    /** {@code OBJECT ENCODING} of a small set of short members (Redis 7.2; 7.0 says hashtable). */
    public static final String LISTPACK = "listpack";
    /** {@code OBJECT ENCODING} of any other set. */
    public static final String HASHTABLE = "hashtable";

    private IntSet intset;              // exactly one of these three is non-null
    private byte[] listpack;            // a Listpack: members in the order they were added
    private Dict<Boolean> hashtable;

    /** An empty set, encoded as an intset (Redis: {@code createIntsetObject}). */
    public SetValue() {
        this.intset = new IntSet();
    }

    /** An empty listpack set (Redis: {@code createSetListpackObject}). */
    static SetValue emptyListpack() {
        SetValue set = new SetValue();
        set.intset = null;
        set.listpack = Listpack.empty();
        return set;
    }

    /**
     * The set a command that creates a key starts from, in the encoding its first member and the
     * number of members it is about to add call for. The set is empty: add the members with
     * {@link #add}.
     *
     * <p>Redis: {@code t_set.c}, {@code setTypeCreate}.
     *
     * @param firstMember the first member the command adds
     * @param sizeHint how many members the command adds
     * @param limits the current {@code set-max-*} parameters
     * @return an empty intset, listpack or hash table
     */
    public static SetValue create(byte[] firstMember, int sizeHint, EncodingLimits limits) {
        if (isInteger(firstMember) && sizeHint <= limits.setMaxIntsetEntries()) {
            return new SetValue();
        }
        if (sizeHint <= limits.setMaxListpackEntries()) {
            return emptyListpack();
        }
        SetValue set = new SetValue();
        set.intset = null;
        set.hashtable = new Dict<>();
        return set;
    }

    @Override
    public ValueType type() {
        return SET;
    }

    /** @return {@code intset}, {@code listpack} or {@code hashtable} */
    @Override
    public String encoding() {
        return intset != null ? INTSET : listpack != null ? LISTPACK : HASHTABLE;
    }

    /** @return whether the set is an intset or a listpack, which SSCAN returns in one call */
    public boolean isCompact() {
        return hashtable == null;
    }

    /** @return the number of members */
    public int size() {
        if (intset != null) {
            return intset.size();
        }
        return listpack != null ? Listpack.count(listpack) : hashtable.size();
    }

    /**
     * Converts to a hash table now if a command about to add {@code sizeHint} members would take
     * the set past its encoding's entry limit anyway (Redis: {@code setTypeMaybeConvert}).
     *
     * @param sizeHint the number of members the command adds
     * @param limits the current {@code set-max-*} parameters
     */
    public void maybeConvert(int sizeHint, EncodingLimits limits) {
        if ((listpack != null && sizeHint > limits.setMaxListpackEntries())
                || (intset != null && sizeHint > limits.setMaxIntsetEntries())) {
            toHashtable();
        }
    }

    /**
     * Adds {@code member}, converting the encoding first if the member does not fit it (the rules
     * in the class comment).
     *
     * @param member the member's bytes (kept, not copied, by a listpack or hash table)
     * @param limits the current {@code set-max-*} parameters
     * @return true if it was added, false if it was already a member
     */
    public boolean add(byte[] member, EncodingLimits limits) {
        if (intset != null) {
            boolean anInteger = true;
            long value = 0;
            try {
                value = integer(member);
            } catch (Numbers.NotANumber notAnInteger) {
                anInteger = false;
            }
            if (anInteger) {
                if (!intset.add(value)) {
                    return false;
                }
                if (intset.size() > limits.setMaxIntsetEntries()) {
                    toHashtable();
                }
                return true;
            }
            if (intsetFitsListpack(member, limits)) {
                toListpack();
            } else {
                toHashtable();
            }
        }
        if (listpack != null) {
            if (Listpack.find(listpack, member) >= 0) {
                return false;
            }
            if (Listpack.count(listpack) < limits.setMaxListpackEntries()
                    && member.length <= limits.setMaxListpackValue()) {
                listpack = Listpack.append(listpack, member);
                return true;
            }
            toHashtable();
        }
        return hashtable.put(new Key(member), Boolean.TRUE) == null;
    }

    /**
     * @param member a member's bytes
     * @return true if it was a member and has been removed; the encoding stays as it is
     */
    public boolean remove(byte[] member) {
        if (intset != null) {
            try {
                return intset.remove(integer(member));
            } catch (Numbers.NotANumber notAnInteger) {
                return false; // not an integer: not in an intset
            }
        }
        if (listpack != null) {
            int at = Listpack.find(listpack, member);
            if (at < 0) {
                return false;
            }
            listpack = Listpack.delete(listpack, at);
            return true;
        }
        if (hashtable.remove(new Key(member)) == null) {
            return false;
        }
        hashtable.resizeIfSparse(); // Redis: htNeedsResize, then dictResize
        return true;
    }

    /** @return whether {@code member} is a member */
    public boolean contains(byte[] member) {
        if (intset != null) {
            try {
                return intset.contains(integer(member));
            } catch (Numbers.NotANumber notAnInteger) {
                return false; // not an integer: not in an intset
            }
        }
        if (listpack != null) {
            return Listpack.find(listpack, member) >= 0;
        }
        return hashtable.get(new Key(member)) != null;
    }

    /**
     * Calls {@code action} with every member: an intset's in ascending order, a listpack's in the
     * order they were added, a hash table's in bucket order. The set must not change meanwhile.
     *
     * @param action receives each member's bytes (not to be modified)
     */
    public void forEach(Consumer<byte[]> action) {
        if (intset != null) {
            intset.forEach(v -> action.accept(text(v)));
        } else if (listpack != null) {
            Listpack.forEach(listpack, action);
        } else {
            hashtable.forEach((key, present) -> action.accept(key.bytes()));
        }
    }

    /** @return every member, in {@link #forEach}'s order, in a new list */
    public List<byte[]> members() {
        List<byte[]> all = new ArrayList<>(size());
        forEach(all::add);
        return all;
    }

    /**
     * A member chosen at random: uniformly for an intset or a listpack; for a hash table, a random
     * bucket then a random member of it, as Redis's {@code dictGetFairRandomKey} approximates.
     *
     * <p>Redis: {@code t_set.c}, {@code setTypeRandomElement}.
     *
     * @return a member; the set must not be empty
     */
    public byte[] randomMember(RandomGenerator random) {
        if (intset != null) {
            return text(intset.random(random));
        }
        if (listpack != null) {
            return Listpack.getIndex(listpack, random.nextInt(Listpack.count(listpack)));
        }
        return hashtable.randomKey(random).bytes();
    }

    /**
     * Removes and returns a random member (Redis: {@code setTypePopRandom}).
     *
     * @return the member; the set must not be empty
     */
    public byte[] popRandom(RandomGenerator random) {
        byte[] member = randomMember(random);
        remove(member);
        return member;
    }

    /**
     * One step of SSCAN. A compact set (intset, listpack) is visited whole, whatever the cursor,
     * and the step answers 0, as Redis does; a hash table is visited one bucket per call of
     * {@link Dict#scan}, with its reverse-binary cursor.
     *
     * @param cursor 0 to start, then what the previous step returned
     * @param visitor receives each member of the step
     * @return the next cursor, 0 when the iteration is over
     */
    public long scan(long cursor, Consumer<byte[]> visitor) {
        if (hashtable == null) {
            forEach(visitor);
            return 0;
        }
        return hashtable.scan(cursor, (key, present) -> visitor.accept(key.bytes()));
    }

    /**
     * {@code COPY}'s duplicate: the same members in the same encoding (Redis: {@code setTypeDup}).
     *
     * @return an independent copy
     */
    @Override
    public SetValue copy() {
        SetValue copy = new SetValue();
        if (intset != null) {
            copy.intset = intset.copy();
        } else if (listpack != null) {
            copy.intset = null;
            copy.listpack = listpack.clone();
        } else {
            copy.intset = null;
            copy.hashtable = new Dict<>();
            hashtable.forEach((key, present) -> copy.hashtable.put(key, Boolean.TRUE)); // keys are immutable
        }
        return copy;
    }

    /**
     * Makes a set whose members are all integers an intset again, if it is small enough: what
     * SINTERSTORE does with its result (Redis: {@code maybeConvertToIntset}).
     *
     * @param limits the current {@code set-max-intset-entries}
     */
    void maybeConvertToIntset(EncodingLimits limits) {
        if (intset != null || size() > limits.setMaxIntsetEntries()) {
            return;
        }
        IntSet ints = new IntSet();
        forEach(member -> ints.add(integer(member)));
        listpack = null;
        hashtable = null;
        intset = ints;
    }

    /** @return the intset of an intset-encoded set, for the memory report and the codecs; else null */
    IntSet intsetOrNull() {
        return intset;
    }

    /**
     * @param member a member's bytes
     * @return whether Redis would keep it in an intset: {@code string2ll} accepts it
     */
    public static boolean isInteger(byte[] member) {
        if (member.length == 0 || member.length > Numbers.MAX_LENGTH) {
            return false;
        }
        try {
            Numbers.string2ll(member);
            return true;
        } catch (Numbers.NotANumber e) {
            return false;
        }
    }

    /** Redis's {@code string2ll}: parsed once, with no allocation (its exception is shared). */
    private static long integer(byte[] member) {
        return Numbers.string2ll(member);
    }

    @Override
    public String toString() {
        List<String> texts = new ArrayList<>();
        forEach(m -> texts.add(new String(m, StandardCharsets.ISO_8859_1)));
        return "SetValue(" + encoding() + ")" + texts;
    }

    // ---------------------------------------------------------------- conversions

    /**
     * Whether this intset, given a member that is not an integer, may become a listpack: fewer
     * members than the listpack's limit, the new member and the longest integer text within the
     * length limit.
     */
    private boolean intsetFitsListpack(byte[] member, EncodingLimits limits) {
        int longest = 0;
        if (intset.size() > 0) {
            longest = Math.max(digits(intset.min()), digits(intset.max()));
        }
        return intset.size() < limits.setMaxListpackEntries()
                && member.length <= limits.setMaxListpackValue()
                && longest <= limits.setMaxListpackValue();
    }

    private void toListpack() {
        byte[][] packed = {Listpack.empty()};
        intset.forEach(v -> packed[0] = Listpack.append(packed[0], text(v)));
        intset = null;
        listpack = packed[0];
    }

    private void toHashtable() {
        Dict<Boolean> table = new Dict<>();
        forEach(member -> table.put(new Key(member), Boolean.TRUE));
        intset = null;
        listpack = null;
        hashtable = table;
    }

    private static int digits(long v) {
        return Long.toString(v).length(); // the sign counts, as in Redis's sdigits10
    }

    private static byte[] text(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }
}
