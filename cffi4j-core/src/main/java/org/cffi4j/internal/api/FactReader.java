package org.cffi4j.internal.api;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Enumerator;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.TypeAccess;
import org.cffi4j.internal.call.NativeLayouts;
import org.cffi4j.internal.decl.Declaration;
import org.cffi4j.internal.decl.DeclarationTable;
import org.cffi4j.internal.layout.Primitives;
import org.cffi4j.internal.lib.Dl;

/**
 * Reads what the compiled module reports and completes the declarations with it: the layouts of
 * partial structs, the sizes of {@code typedef int...} types, the lengths of {@code [...]} arrays,
 * the values of {@code ...} constants. For what the cdef declared fully, the compiler's facts must
 * equal cffi4j's own: a mismatch is a wrong cdef, reported with both values.
 */
final class FactReader {
    private final MemorySegment handle;
    private final DeclarationTable table;
    private final Map<String, PrimitiveType> resolvedTypes = new HashMap<>();
    // The '[...]' array types of typedefs, by identity: every use of the typedef is this very object.
    private final Map<CType, CType> resolvedArrays = new java.util.IdentityHashMap<>();
    final Map<String, Boolean> macros = new HashMap<>();
    /** For each declared function that is not a macro, its address as the loader resolved it (0: none). */
    final Map<String, Long> functionAddresses = new HashMap<>();

    private final List<Runnable> completions = new ArrayList<>();

    FactReader(MemorySegment handle, DeclarationTable table) {
        this.handle = handle;
        this.table = table;
    }

    private List<Facts> facts = List.of();

    void apply(List<Facts> facts) {
        this.facts = facts;
        for (Facts f : facts) {
            if (f instanceof Facts.ArithmeticType t) {
                arithmetic(t); // first: struct members may have these types
            }
        }
        for (Facts f : facts) {
            if (f instanceof Facts.ArrayLengths a
                    && table.lookup(a.name()).orElseThrow() instanceof Declaration.Typedef) {
                typedefLengths(a); // then: other declarations may use these types
            }
        }
        if (!resolvedTypes.isEmpty() || !resolvedArrays.isEmpty()) {
            substituteEverywhere();
        }
        for (Facts f : facts) {
            switch (f) {
                case Facts.Layout l -> layout(l);
                case Facts.Constant c -> constant(c);
                case Facts.ArrayLengths a
                when table.lookup(a.name()).orElseThrow() instanceof Declaration.Variable -> variableLengths(a);
                case Facts.Macro m -> macros.put(m.function(), read(m.symbol(), 1)[0] != 0);
                case Facts.FunctionAddress a -> functionAddresses.put(a.function(), read(a.symbol(), 1)[0]);
                case Facts.EnumLayout e -> enumLayout(e);
                default -> {}
            }
        }
        // Only once every fact is read and checked: a compile that fails leaves every type as it was.
        completions.forEach(Runnable::run);
    }

    // Functions, globals and typedefs that mention a resolved type get the concrete type.
    private void substituteEverywhere() {
        List<Declaration> updated = new ArrayList<>();
        for (Declaration d : table.declarations()) {
            switch (d) {
                case Declaration.Function f ->
                    updated.add(new Declaration.Function(
                            f.name(),
                            (org.cffi4j.ctype.FunctionType)
                                    TypeSubstitution.apply(f.type(), resolvedTypes, resolvedArrays),
                            f.symbol(),
                            f.hasBody()));
                case Declaration.Variable v ->
                    updated.add(new Declaration.Variable(
                            v.name(),
                            TypeSubstitution.apply(v.type(), resolvedTypes, resolvedArrays),
                            v.qualifiers(),
                            v.symbol(),
                            v.threadLocal()));
                case Declaration.Typedef t
                when !resolvedArrays.containsValue(t.type()) ->
                    updated.add(new Declaration.Typedef(
                            t.name(), TypeSubstitution.apply(t.type(), resolvedTypes, resolvedArrays), t.qualifiers()));
                default -> {}
            }
        }
        updated.forEach(table::replace);
    }

    // Calls 'void symbol(long long *out)' with room for n values.
    private long[] callFiller(String symbol, int n) {
        MemorySegment function = Dl.symbol(handle, symbol);
        if (function.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("the compiled module lacks " + symbol);
        }
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment out = arena.allocate(8L * Math.max(1, n));
            java.lang.foreign.Linker.nativeLinker()
                    .downcallHandle(function, java.lang.foreign.FunctionDescriptor.ofVoid(ValueLayout.ADDRESS))
                    .invokeExact(out);
            return out.asSlice(0, 8L * n).toArray(ValueLayout.JAVA_LONG);
        } catch (Throwable t) {
            throw new FFIException("API mode: computing the constants of the module failed: " + t, t);
        }
    }

    private long[] read(String symbol, int n) {
        MemorySegment s = Dl.symbol(handle, symbol);
        if (s.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("the compiled module lacks " + symbol);
        }
        return s.reinterpret(8L * n).toArray(ValueLayout.JAVA_LONG);
    }

    private void arithmetic(Facts.ArithmeticType t) {
        long[] v = read(t.symbol(), 2);
        PrimitiveType resolved;
        if (t.integer()) {
            resolved = new PrimitiveType(t.typedefName(), PrimitiveType.Kind.INTEGER, v[1] != 0, v[0], v[0]);
        } else {
            String placeholder = "'" + t.typedefName() + "' is declared 'typedef float... " + t.typedefName()
                    + "' (float or double) in the cdef, but the C source makes it ";
            if (v[1] == 0) {
                throw new FFIException(placeholder + "an integer type");
            }
            if (v[0] != 4 && v[0] != 8) {
                throw new FFIException(placeholder + "a " + v[0] + "-byte floating type (long double?), which"
                        + " 'typedef float...' does not cover (as in CFFI): declare it with its type, e.g."
                        + " 'typedef long double " + t.typedefName() + ";'");
            }
            PrimitiveType p = Primitives.current().get(v[0] == 4 ? "float" : "double");
            resolved = new PrimitiveType(t.typedefName(), PrimitiveType.Kind.FLOATING, true, p.size(), p.alignment());
        }
        resolvedTypes.put(t.typedefName(), resolved);
        table.replace(new Declaration.Typedef(t.typedefName(), resolved));
    }

    private void layout(Facts.Layout l) {
        StructType s = (StructType) l.type();
        int openLengths = 0;
        for (String m : l.members()) {
            openLengths += OpenLengths.in(s.field(m).orElseThrow().type());
        }
        long[] v = read(l.symbol(), l.members().size() + 2 + openLengths);
        if (s.state() == StructType.State.COMPLETE) {
            check(s, l, v);
            return;
        }
        List<Field> fields = new ArrayList<>();
        int lengths = l.members().size() + 2;
        for (int i = 0; i < l.members().size(); i++) {
            String name = l.members().get(i);
            Field declared = s.field(name).orElseThrow();
            CType type = OpenLengths.filled(declared.type(), v, lengths);
            lengths += OpenLengths.in(declared.type());
            fields.add(new Field(name, resolve(type), v[i + 2], 0, -1, declared.qualifiers()));
        }
        completions.add(() -> {
            TypeAccess.mutators().complete(s, fields, v[0], v[1], false);
            NativeLayouts.completedByCompiler(s);
        });
    }

    /** {@code t} with what the compiler resolved ({@code int...} types, typedefs' {@code [...]} arrays) in place. */
    CType resolve(CType t) {
        return TypeSubstitution.apply(t, resolvedTypes, resolvedArrays);
    }

    private void check(StructType s, Facts.Layout l, long[] v) {
        List<String> diffs = new ArrayList<>();
        if (v[0] != s.byteSize()) {
            diffs.add("sizeof: cdef " + s.byteSize() + ", C compiler " + v[0]);
        }
        if (v[1] != s.byteAlignment()) {
            diffs.add("alignof: cdef " + s.byteAlignment() + ", C compiler " + v[1]);
        }
        for (int i = 0; i < l.members().size(); i++) {
            long mine = s.field(l.members().get(i)).orElseThrow().byteOffset();
            if (mine != v[i + 2]) {
                diffs.add("offsetof " + l.members().get(i) + ": cdef " + mine + ", C compiler " + v[i + 2]);
            }
        }
        if (!diffs.isEmpty()) {
            throw new FFIException("'" + l.cName() + "' is declared differently in the cdef and in the C source ("
                    + String.join("; ", diffs) + "): fix the cdef, or end the struct with '...;' to let the compiler"
                    + " decide");
        }
    }

    // An enum declared with '...': the compiler's integer type (a value may need a long), and every
    // constant the compiler gave. It stays partial: compiling again writes the same C.
    private void enumLayout(Facts.EnumLayout e) {
        long[] v = read(e.symbol(), 2);
        EnumType type = e.type();
        String[] names = v[0] == 1
                ? new String[] {"signed char", "unsigned char"}
                : v[0] == 2
                        ? new String[] {"short", "unsigned short"}
                        : v[0] == 4 ? new String[] {"int", "unsigned int"} : new String[] {"long", "unsigned long"};
        PrimitiveType underlying = Primitives.current().get(names[v[1] != 0 ? 0 : 1]);
        List<Enumerator> values = new ArrayList<>();
        completions.add(() -> {
            for (Declaration d : table.declarations()) {
                if (d instanceof Declaration.Constant c && c.type() == type && !c.apiMode()) {
                    values.add(new Enumerator(c.name(), c.value()));
                }
            }
            TypeAccess.mutators().complete(type, values, underlying, true);
        });
    }

    private long[] constants;
    private int nextConstant;

    private void constant(Facts.Constant c) {
        if (constants == null) {
            constants = callFiller(c.symbol(), (int)
                    facts.stream().filter(f -> f instanceof Facts.Constant).count());
        }
        long[] v = {constants[nextConstant++]};
        Declaration.Constant declared =
                (Declaration.Constant) table.lookup(c.name()).orElseThrow();
        if (!declared.apiMode() && declared.value() != v[0]) {
            throw new FFIException(
                    "'" + c.name() + "' is " + declared.value() + " in the cdef but " + v[0] + " in the C source");
        }
        table.replace(new Declaration.Constant(c.name(), v[0], declared.type(), false));
    }

    private void variableLengths(Facts.ArrayLengths a) {
        Declaration.Variable d = (Declaration.Variable) table.lookup(a.name()).orElseThrow();
        long[] v = read(a.symbol(), OpenLengths.in(d.type()));
        table.replace(new Declaration.Variable(
                d.name(), resolve(OpenLengths.filled(d.type(), v, 0)), d.qualifiers(), d.symbol(), d.threadLocal()));
    }

    private void typedefLengths(Facts.ArrayLengths a) {
        Declaration.Typedef d = (Declaration.Typedef) table.lookup(a.name()).orElseThrow();
        long[] v = read(a.symbol(), OpenLengths.in(d.type()));
        CType resolved = resolve(OpenLengths.filled(d.type(), v, 0));
        resolvedArrays.put(d.type(), resolved);
        table.replace(new Declaration.Typedef(d.name(), resolved, d.qualifiers()));
    }
}
