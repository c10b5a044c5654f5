package org.cffi4j.internal.api;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.TypeAccess;
import org.cffi4j.internal.ffm.Dl;
import org.cffi4j.internal.layout.Primitives;
import org.cffi4j.internal.parse.Declaration;
import org.cffi4j.internal.parse.TypeTable;

/**
 * Reads what the compiled module reports and completes the declarations with it: the layouts of
 * partial structs, the sizes of {@code typedef int...} types, the lengths of {@code [...]} arrays,
 * the values of {@code ...} constants. For what the cdef declared fully, the compiler's facts must
 * equal cffi4j's own: a mismatch is a wrong cdef, reported with both values.
 */
final class FactReader {
    private final MemorySegment handle;
    private final TypeTable table;
    private final Map<String, PrimitiveType> resolvedTypes = new HashMap<>();
    final Map<String, Boolean> macros = new HashMap<>();

    FactReader(MemorySegment handle, TypeTable table) {
        this.handle = handle;
        this.table = table;
    }

    void apply(List<Facts> facts) {
        for (Facts f : facts) {
            if (f instanceof Facts.ArithmeticType t) {
                arithmetic(t); // first: struct members may have these types
            }
        }
        if (!resolvedTypes.isEmpty()) {
            substituteEverywhere();
        }
        for (Facts f : facts) {
            switch (f) {
                case Facts.Layout l -> layout(l);
                case Facts.Constant c -> constant(c);
                case Facts.ArrayLength a -> arrayLength(a);
                case Facts.Macro m -> macros.put(m.function(), read(m.symbol(), 1)[0] != 0);
                default -> {}
            }
        }
    }

    // Functions, globals and typedefs that mention a resolved type get the concrete type.
    private void substituteEverywhere() {
        List<Declaration> updated = new ArrayList<>();
        for (Declaration d : table.declarations()) {
            switch (d) {
                case Declaration.Function f ->
                    updated.add(new Declaration.Function(
                            f.name(),
                            (org.cffi4j.ctype.FunctionType) TypeSubstitution.apply(f.type(), resolvedTypes),
                            f.symbol(),
                            f.hasBody()));
                case Declaration.Variable v ->
                    updated.add(new Declaration.Variable(
                            v.name(),
                            TypeSubstitution.apply(v.type(), resolvedTypes),
                            v.qualifiers(),
                            v.symbol(),
                            v.threadLocal()));
                case Declaration.Typedef t ->
                    updated.add(new Declaration.Typedef(t.name(), TypeSubstitution.apply(t.type(), resolvedTypes)));
                default -> {}
            }
        }
        updated.forEach(table::replace);
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
            String base = v[0] == 4 ? "float" : v[0] == 8 ? "double" : "long double";
            PrimitiveType p = Primitives.current().get(base);
            resolved = new PrimitiveType(t.typedefName(), PrimitiveType.Kind.FLOATING, true, p.size(), p.alignment());
        }
        resolvedTypes.put(t.typedefName(), resolved);
        table.replace(new Declaration.Typedef(t.typedefName(), resolved));
    }

    private void layout(Facts.Layout l) {
        StructType s = (StructType) l.type();
        long[] v = read(l.symbol(), l.members().size() + 2);
        if (s.state() == StructType.State.COMPLETE) {
            check(s, l, v);
            return;
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < l.members().size(); i++) {
            String name = l.members().get(i);
            Field declared = s.field(name).orElseThrow();
            fields.add(new Field(name, resolve(declared.type()), v[i + 2], 0, -1, declared.qualifiers()));
        }
        for (Field f : s.fields()) {
            if (f.isBitfield()) {
                throw new FFIException("'" + s + "' is declared with '...' and has bitfield '" + f.name()
                        + "': API mode" + " cannot place bitfields of partial structs; declare the struct fully");
            }
        }
        table.completed(s); // undone if a later fact fails and the compile is abandoned
        TypeAccess.mutators().complete(s, fields, v[0], v[1], false);
    }

    private CType resolve(CType t) {
        return TypeSubstitution.apply(t, resolvedTypes);
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

    private void constant(Facts.Constant c) {
        long[] v = read(c.symbol(), 2);
        Declaration.Constant declared =
                (Declaration.Constant) table.lookup(c.name()).orElseThrow();
        if (!declared.apiMode() && declared.value() != v[0]) {
            throw new FFIException(
                    "'" + c.name() + "' is " + declared.value() + " in the cdef but " + v[0] + " in the C source");
        }
        table.replace(new Declaration.Constant(c.name(), v[0], declared.type(), false));
    }

    private void arrayLength(Facts.ArrayLength a) {
        long[] v = read(a.symbol(), 1);
        Declaration.Variable d =
                (Declaration.Variable) table.lookup(a.variable()).orElseThrow();
        ArrayType t = (ArrayType) d.type();
        table.replace(new Declaration.Variable(
                d.name(), new ArrayType(resolve(t.element()), v[0]), d.qualifiers(), d.symbol(), d.threadLocal()));
    }
}
