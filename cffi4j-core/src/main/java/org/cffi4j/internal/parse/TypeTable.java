package org.cffi4j.internal.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.TypeAccess;

/**
 * Everything declared in one FFI: ordinary identifiers (typedefs, functions, variables, constants)
 * and tags (struct, union, enum), in declaration order. A cdef works on a {@link #fork()} and the
 * FFI keeps it only if the whole cdef succeeds; {@link #rollback()} undoes the completions (and namings) of
 * nominal types that the failed cdef made, so a failing cdef leaves everything as it was.
 */
public final class TypeTable {
    private final Map<String, Declaration> ordinary;
    private final Map<String, CType> tags;
    private final List<CType> completedHere = new ArrayList<>();
    private final List<Naming> namedHere = new ArrayList<>();
    private final Map<String, String> locations;
    private final Map<String, Spelling> spellings;
    private final java.util.Set<String> externJava;
    private final java.util.Set<String> staticConstants;
    private int anonymousCount;

    /** An empty table: only the predefined types are known. */
    public TypeTable() {
        this(new LinkedHashMap<>(), new LinkedHashMap<>(), 0);
    }

    private TypeTable(Map<String, Declaration> ordinary, Map<String, CType> tags, int anonymousCount) {
        this(
                ordinary,
                tags,
                new java.util.HashMap<>(),
                new java.util.HashMap<>(),
                new java.util.HashSet<>(),
                new java.util.HashSet<>(),
                anonymousCount);
    }

    private TypeTable(
            Map<String, Declaration> ordinary,
            Map<String, CType> tags,
            Map<String, String> locations,
            Map<String, Spelling> spellings,
            java.util.Set<String> externJava,
            java.util.Set<String> staticConstants,
            int anonymousCount) {
        this.ordinary = ordinary;
        this.tags = tags;
        this.locations = locations;
        this.spellings = spellings;
        this.externJava = externJava;
        this.staticConstants = staticConstants;
        this.anonymousCount = anonymousCount;
    }

    /** A copy to parse into; the original stays as it is until the copy replaces it. */
    public TypeTable fork() {
        return new TypeTable(
                new LinkedHashMap<>(ordinary),
                new LinkedHashMap<>(tags),
                new java.util.HashMap<>(locations),
                new java.util.HashMap<>(spellings),
                new java.util.HashSet<>(externJava),
                new java.util.HashSet<>(staticConstants),
                anonymousCount);
    }

    /** Undoes the completions of struct, union and enum types made through this fork. */
    public void rollback() {
        TypeAccess.Mutators m = TypeAccess.mutators();
        for (CType t : completedHere) {
            if (t instanceof StructType s) {
                m.uncomplete(s);
            } else if (t instanceof EnumType e) {
                m.uncomplete(e);
            }
        }
        completedHere.clear();
        for (Naming n : namedHere.reversed()) {
            m.nameAnonymous(n.type(), n.before());
        }
        namedHere.clear();
    }

    /** Forgets the undo log once the fork has been kept. */
    public void commit() {
        completedHere.clear();
        namedHere.clear();
    }

    /** Notes that a nominal type declared before this fork was completed in it. */
    public void completed(CType nominal) {
        completedHere.add(nominal);
    }

    private record Naming(CType type, String before) {}

    /** Notes that an anonymous type, maybe declared before this fork, is about to be named by a typedef. */
    void naming(CType anonymous) {
        namedHere.add(new Naming(anonymous, anonymous.toString()));
    }

    /**
     * Adds the declarations of another table (CFFI's include).
     *
     * @throws org.cffi4j.FFIException if a name is declared differently in both
     */
    public void include(TypeTable other) {
        for (Declaration d : other.ordinary.values()) {
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
                            && TypeEquivalence.same(a.type(), b.type()))) {
                throw new org.cffi4j.FFIException(
                        "include: '" + d.name() + "' is declared as '" + Registrar.describe(mine) + "' here and as '"
                                + Registrar.describe(d) + "' in the included FFI");
            }
        }
        for (var e : other.tags.entrySet()) {
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
        return Optional.ofNullable(ordinary.get(name));
    }

    /** The struct, union or enum type of a tag, if any. */
    public Optional<CType> tag(String tag) {
        return Optional.ofNullable(tags.get(tag));
    }

    /** The type named by a typedef name, user-declared or predefined. */
    public Optional<CType> typedef(String name) {
        Declaration d = ordinary.get(name);
        if (d instanceof Declaration.Typedef t) {
            return Optional.of(t.type());
        }
        return d == null ? Predefined.type(name) : Optional.empty();
    }

    /** Whether a name is, at this point, a typedef name (which makes {@code name * x;} a declaration). */
    boolean isTypedefName(String name) {
        Declaration d = ordinary.get(name);
        return d instanceof Declaration.Typedef
                || (d == null && Predefined.type(name).isPresent());
    }

    private final Map<String, CType> parsedTypes = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A type name parsed against this table, parsed once: type names repeat ({@code alloc("int *")}
     * in a loop) and the table never changes once a cdef has kept it.
     */
    public CType parsedType(String text, java.util.function.Function<String, CType> parse) {
        CType t = parsedTypes.get(text);
        if (t == null) {
            t = parse.apply(text);
            if (parsedTypes.size() < 10_000) {
                parsedTypes.put(text, t);
            }
        }
        return t;
    }

    /** Where a name was declared ({@code cdef:3:5}), for the messages of later stages; null if unknown. */
    public String locationOf(String name) {
        return locations.get(name);
    }

    void noteLocation(String name, String location) {
        locations.put(name, location);
    }

    /** How the cdef spells the declaration of a function, for generated C; null if it cannot be reused. */
    public Spelling spellingOf(String name) {
        return spellings.get(name);
    }

    void noteSpelling(String name, Spelling spelling) {
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
        return staticConstants.contains(name);
    }

    void markStaticConstant(String name) {
        staticConstants.add(name);
    }

    /** Whether a function is declared {@code extern "Java"}: implemented in Java, called from C (API mode). */
    public boolean isExternJava(String name) {
        return externJava.contains(name) || externJava.contains(name + PLUS_C);
    }

    /**
     * Whether an {@code extern "Java"} function is declared {@code extern "Java+C"} (CFFI's
     * {@code "Python+C"}): C files other than the module's source may call it, so it is not static.
     */
    public boolean isExternJavaForC(String name) {
        return externJava.contains(name + PLUS_C);
    }

    private static final String PLUS_C = "+C"; // not an identifier: no clash with a name

    void markExternJava(String name, boolean forC) {
        externJava.remove(name);
        externJava.remove(name + PLUS_C);
        externJava.add(forC ? name + PLUS_C : name);
    }

    /** Replaces a declaration by what the C compiler resolved (API mode completes a fork with it). */
    public void replace(Declaration d) {
        ordinary.put(d.name(), d);
    }

    void putOrdinary(Declaration d) {
        ordinary.put(d.name(), d);
    }

    void putTag(String tag, CType type) {
        tags.put(tag, type);
    }

    /** A fresh name for an anonymous struct, union or enum. */
    String anonymousName(String keyword) {
        return keyword + " $" + (++anonymousCount);
    }

    /** All ordinary declarations, in declaration order. */
    public Iterable<Declaration> declarations() {
        return ordinary.values();
    }

    /** All tagged types, in declaration order. */
    public Map<String, CType> tags() {
        return tags;
    }
}
