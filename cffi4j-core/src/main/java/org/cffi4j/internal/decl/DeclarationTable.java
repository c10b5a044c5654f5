package org.cffi4j.internal.decl;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.cffi4j.ctype.CType;
import org.cffi4j.internal.TypeTransaction;
import org.cffi4j.internal.platform.Abi;

/**
 * Everything declared in one FFI: ordinary identifiers (typedefs, functions, variables, constants)
 * and tags (struct, union, enum), in declaration order.
 *
 * <p>A cdef parses into a {@link #fork()} (a copy of the maps with its own {@link
 * TypeTransaction}) and the FFI keeps it only if the whole cdef succeeds, after {@link #commit()}
 * has published the completions of older struct and enum types; a failed cdef drops the fork, and
 * no other thread has seen anything of it. A type name ({@code ffi.typeOf}) parses into a {@link
 * #scratch()} table instead: it reads through to this one and costs nothing to make, whatever the
 * number of declarations.
 */
public final class DeclarationTable {
    // Bounds of the per-FFI caches: a program asking about a million distinct type names must not
    // keep them all.
    private static final int MAX_CACHED = 10_000;

    private final Abi abi;
    private final DeclarationTable parent; // a scratch table's table: read through, never written
    private final Map<String, Declaration> ordinary;
    private final Map<String, CType> tags;
    private final Map<String, String> locations;
    private final Map<String, Spelling> spellings;
    private final Set<String> externJava;
    private final Set<String> staticConstants;
    // Tags that type names mentioned without any cdef declaring them ("struct foo *"), by "struct
    // foo": the same type each time, and the one a later cdef completes. Shared by the tables of
    // one FFI.
    private final Map<String, CType> mentioned;
    private final TypeTransaction transaction;
    private final Map<String, CType> parsedTypes = new ConcurrentHashMap<>();
    private int anonymousCount;

    /**
     * An empty table: only the predefined types are known.
     *
     * @param abi the platform whose layouts its declarations get
     */
    public DeclarationTable(Abi abi) {
        this(
                abi,
                null,
                new LinkedHashMap<>(),
                new LinkedHashMap<>(),
                new HashMap<>(),
                new HashMap<>(),
                new HashSet<>(),
                new HashSet<>(),
                new ConcurrentHashMap<>(),
                null,
                0);
    }

    private DeclarationTable(
            Abi abi,
            DeclarationTable parent,
            Map<String, Declaration> ordinary,
            Map<String, CType> tags,
            Map<String, String> locations,
            Map<String, Spelling> spellings,
            Set<String> externJava,
            Set<String> staticConstants,
            Map<String, CType> mentioned,
            TypeTransaction transaction,
            int anonymousCount) {
        this.abi = abi;
        this.parent = parent;
        this.ordinary = ordinary;
        this.tags = tags;
        this.locations = locations;
        this.spellings = spellings;
        this.externJava = externJava;
        this.staticConstants = staticConstants;
        this.mentioned = mentioned;
        this.transaction = transaction;
        this.anonymousCount = anonymousCount;
    }

    /** A copy to parse a cdef into; the original stays as it is until the copy replaces it. */
    public DeclarationTable fork() {
        return new DeclarationTable(
                abi,
                null,
                new LinkedHashMap<>(ordinary),
                new LinkedHashMap<>(tags),
                new HashMap<>(locations),
                new HashMap<>(spellings),
                new HashSet<>(externJava),
                new HashSet<>(staticConstants),
                mentioned,
                new TypeTransaction(null),
                anonymousCount);
    }

    /**
     * A table to parse a type name into, in constant time: it sees this table's declarations, and
     * what is declared in it stays in it ({@code ffi.typeOf} never declares anything).
     */
    public DeclarationTable scratch() {
        return new DeclarationTable(
                abi,
                this,
                new HashMap<>(),
                new HashMap<>(),
                new HashMap<>(),
                new HashMap<>(),
                new HashSet<>(),
                new HashSet<>(),
                mentioned,
                new TypeTransaction(transaction),
                anonymousCount);
    }

    /** The platform whose layouts the declarations get. */
    public Abi abi() {
        return abi;
    }

    /** Runs {@code op} inside this table's transaction (a cdef, a compile, a type name). */
    public <R> R within(Supplier<R> op) {
        return transaction == null ? op.get() : transaction.run(op::get);
    }

    /**
     * Publishes what was done in this fork to older types, so that the FFI can keep it.
     *
     * @throws org.cffi4j.CDefException if another FFI completed one of those types meanwhile
     */
    public void commit() {
        if (transaction != null) {
            transaction.commit();
        }
    }

    /** Drops what was done in this fork (a failed cdef): nobody else has seen any of it. */
    public void rollback() {
        if (transaction != null) {
            transaction.discard();
        }
    }

    /**
     * Nothing to do: a completion made inside a cdef is kept in its transaction until it commits.
     * (Kept for the callers that still note their completions.)
     */
    public void completed(CType nominal) {
        // the transaction has it
    }

    /**
     * Adds the declarations of another table (CFFI's include).
     *
     * @throws org.cffi4j.FFIException if a name is declared differently in both
     */
    public void include(DeclarationTable other) {
        for (Declaration d : other.declarations()) {
            Declaration mine = ordinary.get(d.name());
            if (mine == null) {
                ordinary.put(d.name(), d);
                if (other.spellings.containsKey(d.name())) {
                    spellings.put(d.name(), other.spellings.get(d.name()));
                }
                if (other.staticConstants.contains(d.name())) {
                    staticConstants.add(d.name());
                }
            } else if (!mine.equals(d)
                    && !(mine instanceof Declaration.Typedef a
                            && d instanceof Declaration.Typedef b
                            && a.qualifiers() == b.qualifiers()
                            && TypeEquivalence.same(a.type(), b.type()))) {
                throw new org.cffi4j.FFIException("include: '" + d.name() + "' is declared as '" + mine.describe()
                        + "' here and as '" + d.describe() + "' in the included FFI");
            }
        }
        for (var e : other.tags().entrySet()) {
            CType mine = tags.get(e.getKey());
            if (mine == null) {
                tags.put(e.getKey(), e.getValue());
            } else if (mine != e.getValue()) {
                throw new org.cffi4j.FFIException(
                        "include: '" + mine + "' is declared both here and in the included FFI");
            }
        }
    }

    /** The ordinary declaration of a name, if any. */
    public Optional<Declaration> lookup(String name) {
        return Optional.ofNullable(ordinary(name));
    }

    private Declaration ordinary(String name) {
        Declaration d = ordinary.get(name);
        return d == null && parent != null ? parent.ordinary(name) : d;
    }

    /** The struct, union or enum type of a tag, if any. */
    public Optional<CType> tag(String tag) {
        return Optional.ofNullable(tagType(tag));
    }

    private CType tagType(String tag) {
        CType t = tags.get(tag);
        return t == null && parent != null ? parent.tagType(tag) : t;
    }

    /**
     * The type of a tag that no cdef declared, for a reference to it ({@code struct foo *}): the
     * one a type name mentioned before if any, else {@code fresh}. A type name (in a scratch table)
     * leaves its new tags here, so that asking twice gives the same type; a cdef adopts them.
     *
     * @param key the keyword and the tag, {@code "struct foo"}
     */
    public CType undeclaredTag(String key, Supplier<CType> fresh) {
        CType known = mentioned.get(key);
        if (known != null) {
            return known;
        }
        CType t = fresh.get();
        if (parent != null && mentioned.size() < MAX_CACHED) {
            CType winner = mentioned.putIfAbsent(key, t);
            t = winner != null ? winner : t;
            transaction.shared(t); // other threads may now see it: completed only through transactions
        }
        return t;
    }

    /** Whether this table parses a type name: definitions in it do not adopt mentioned tags. */
    public boolean isScratch() {
        return parent != null;
    }

    /**
     * A type name parsed against this table, parsed once: type names repeat ({@code alloc("int *")}
     * in a loop) and the table never changes once a cdef has kept it.
     */
    public CType parsedType(String text, Function<String, CType> parse) {
        CType t = parsedTypes.get(text);
        if (t == null) {
            t = parse.apply(text);
            if (parsedTypes.size() < MAX_CACHED) {
                parsedTypes.put(text, t);
            }
        }
        return t;
    }

    /** Where a name was declared ({@code cdef:3:5}), for the messages of later stages; null if unknown. */
    public String locationOf(String name) {
        String l = locations.get(name);
        return l == null && parent != null ? parent.locationOf(name) : l;
    }

    /** Notes where a name was declared ({@code cdef:3:5}). */
    public void noteLocation(String name, String location) {
        locations.put(name, location);
    }

    /** How the cdef spells the declaration of a function, for generated C; null if it cannot be reused. */
    public Spelling spellingOf(String name) {
        Spelling own = spellings.get(name);
        return own == null && parent != null ? parent.spellingOf(name) : own;
    }

    /** Notes how the cdef spells a declaration; null forgets an earlier one. */
    public void noteSpelling(String name, Spelling spelling) {
        if (spelling == null) {
            spellings.remove(name);
        } else {
            spellings.put(name, spelling);
        }
    }

    /**
     * Whether a global is a constant of a non-integer type ({@code static const double X;}, {@code
     * static char *const NAME;}): API mode reads its value (the source may define it as a macro or
     * compute it), it has no address.
     */
    public boolean isStaticConstant(String name) {
        return staticConstants.contains(name) || parent != null && parent.isStaticConstant(name);
    }

    /** Notes that a global is a constant of a non-integer type (see {@link #isStaticConstant}). */
    public void markStaticConstant(String name) {
        staticConstants.add(name);
    }

    /** Whether a function is declared {@code extern "Java"}: implemented in Java, called from C (API mode). */
    public boolean isExternJava(String name) {
        return externJava.contains(name)
                || externJava.contains(name + PLUS_C)
                || parent != null && parent.isExternJava(name);
    }

    /**
     * Whether an {@code extern "Java"} function is declared {@code extern "Java+C"} (CFFI's
     * {@code "Python+C"}): C files other than the module's source may call it, so it is not static.
     */
    public boolean isExternJavaForC(String name) {
        return externJava.contains(name + PLUS_C) || parent != null && parent.isExternJavaForC(name);
    }

    private static final String PLUS_C = "+C"; // not an identifier: no clash with a name

    /** Notes that a function is declared {@code extern "Java"}, or {@code "Java+C"} if {@code forC}. */
    public void markExternJava(String name, boolean forC) {
        externJava.remove(name);
        externJava.remove(name + PLUS_C);
        externJava.add(forC ? name + PLUS_C : name);
    }

    /** Replaces a declaration by what the C compiler resolved (API mode completes a fork with it). */
    public void replace(Declaration d) {
        ordinary.put(d.name(), d);
    }

    /** Declares an ordinary identifier, replacing an earlier declaration of its name. */
    public void putOrdinary(Declaration d) {
        ordinary.put(d.name(), d);
    }

    /** Declares a struct, union or enum tag, replacing an earlier declaration of it. */
    public void putTag(String tag, CType type) {
        tags.put(tag, type);
    }

    /** A fresh name for an anonymous struct, union or enum. */
    public String anonymousName(String keyword) {
        return keyword + " $" + (++anonymousCount);
    }

    /** All ordinary declarations, in declaration order. */
    public Iterable<Declaration> declarations() {
        if (parent == null) {
            return ordinary.values();
        }
        Map<String, Declaration> all = new LinkedHashMap<>();
        parent.declarations().forEach(d -> all.put(d.name(), d));
        all.putAll(ordinary);
        return all.values();
    }

    /** All tagged types, in declaration order. */
    public Map<String, CType> tags() {
        if (parent == null) {
            return tags;
        }
        Map<String, CType> all = new LinkedHashMap<>(parent.tags());
        all.putAll(tags);
        return all;
    }
}
