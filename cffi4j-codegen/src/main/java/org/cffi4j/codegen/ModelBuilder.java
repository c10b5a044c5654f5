package org.cffi4j.codegen;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.Param;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.api.ApiFunctions;
import org.cffi4j.internal.api.GeneratedNames;
import org.cffi4j.internal.call.NativeLayouts;
import org.cffi4j.internal.decl.Declaration;
import org.cffi4j.internal.decl.DeclarationTable;
import org.cffi4j.internal.message.ApiModeOnly;

/**
 * The passes before emission: selects what a cdef declared, names it, and decides what can be
 * generated; a declaration that cannot is left out with its reason, never emitted half right.
 */
final class ModelBuilder {
    private final DeclarationTable table;
    private final ApiFunctions api; // null in ABI mode
    private final List<String> skipped = new ArrayList<>();
    private final Map<StructType, String> structNames = new LinkedHashMap<>();
    private final Set<StructType> skippedStructs = new HashSet<>();

    private ModelBuilder(DeclarationTable table, ApiFunctions api) {
        this.table = table;
        this.api = api;
    }

    /** The model of a binding of {@code table}'s declarations; {@code api} is null in ABI mode. */
    static BindingModel build(
            BindingSpec spec, DeclarationTable table, ApiFunctions api, Optional<BindingModel.Glue> glue) {
        ModelBuilder b = new ModelBuilder(table, api);
        b.nameStructs();
        List<BindingModel.StructModel> structs = new ArrayList<>();
        b.structNames.forEach((t, n) -> structs.add(new BindingModel.StructModel(n, t)));
        return new BindingModel(
                spec,
                b.functions(),
                structs,
                Map.copyOf(b.structNames),
                b.callbacks(),
                b.constants(),
                b.globals(),
                List.copyOf(b.skipped),
                glue,
                table.abi().byteOrder());
    }

    // A class per complete struct or union: named by its first typedef, else struct_tag / union_tag.
    private void nameStructs() {
        Set<String> taken = new HashSet<>();
        for (Declaration d : table.declarations()) {
            if (d instanceof Declaration.Typedef t
                    && t.type() instanceof StructType s
                    && hasLayout(s)
                    && !structNames.containsKey(s)) {
                structNames.put(s, JavaNames.of(t.name()));
                taken.add(t.name());
            }
        }
        for (CType t : table.tags().values()) {
            if (t instanceof StructType s && s.tag() != null && !structNames.containsKey(s) && hasLayout(s)) {
                String name = s.kind().keyword() + "_" + s.tag();
                if (!taken.add(name)) {
                    skipped.add(s + ": its class name " + name + " is also a typedef name");
                    continue;
                }
                structNames.put(s, name);
            }
        }
    }

    // Whether a struct can be a class: complete, and every member has a layout in memory.
    private boolean hasLayout(StructType s) {
        if (!s.isComplete()) {
            return false;
        }
        try {
            NativeLayouts.inMemory(s);
            return true;
        } catch (FFIException e) {
            if (!skippedStructs.contains(s)) {
                skippedStructs.add(s);
                skipped.add(s + ": " + e.getMessage());
            }
            return false;
        }
    }

    private List<BindingModel.FunctionModel> functions() {
        List<BindingModel.FunctionModel> out = new ArrayList<>();
        for (Declaration d : table.declarations()) {
            if (d instanceof Declaration.Function f) {
                whyNot(f).ifPresentOrElse(why -> skipped.add(f.name() + ": " + why), () -> out.add(model(f)));
            }
        }
        return out;
    }

    private BindingModel.FunctionModel model(Declaration.Function f) {
        String symbol = f.symbol();
        FunctionType called = f.type();
        if (api != null && api.wrapperSymbols().containsKey(f.name())) {
            symbol = api.wrapperSymbols().get(f.name());
            called = api.wrapperTypes().get(f.name());
        }
        return new BindingModel.FunctionModel(JavaNames.of(f.name()), symbol, called, withParameterNames(f));
    }

    // The C declaration as javadoc and messages quote it, with the cdef's parameter names.
    private static String withParameterNames(Declaration.Function f) {
        return org.cffi4j.ctype.CPrinter.definition(f.type(), f.name());
    }

    // Why a function cannot be generated, if it cannot.
    private Optional<String> whyNot(Declaration.Function f) {
        if (f.type().variadic() && f.type().returnType() instanceof StructType) {
            return Optional.of("a variadic function returning a struct is not generated: call it through ffi.dlopen");
        }
        if (api == null && f.hasBody()) {
            return Optional.of("a function with a body (static inline) has no symbol: use API mode");
        }
        if (api != null && api.byPointer().contains(f.name())) {
            return Optional.of("its structs cross the C wrapper by pointer, which generated code does not do yet");
        }
        FunctionType t = api != null && api.wrapperTypes().containsKey(f.name())
                ? api.wrapperTypes().get(f.name())
                : f.type();
        return unpassable(t);
    }

    // Why the FFM linker, or the generated class, cannot pass one of these types.
    private Optional<String> unpassable(FunctionType t) {
        List<CType> types = new ArrayList<>(t.params().stream().map(Param::type).toList());
        if (!(t.returnType() instanceof VoidType)) {
            types.add(t.returnType());
        }
        for (CType c : types) {
            try {
                MemoryLayout l = NativeLayouts.of(c);
                if (l instanceof GroupLayout && !structNames.containsKey(c)) {
                    return Optional.of("'" + c + "' is passed by value and has no class (an anonymous struct)");
                }
            } catch (FFIException e) {
                // the runtime's advice names ffi.setSource; a generated binding gets API mode from a source
                return Optional.of(e.getMessage().replace(ApiModeOnly.API_MODE, "API mode (generate with a C source)"));
            }
        }
        return Optional.empty();
    }

    // One interface per function pointer typedef, and one per parameter of a function whose type is
    // a pointer to a function no typedef names (sqlite3_exec's callback): sqlite3_exec$callback.
    private List<BindingModel.CallbackModel> callbacks() {
        List<BindingModel.CallbackModel> out = new ArrayList<>();
        Set<CType> named = new HashSet<>();
        for (Declaration d : table.declarations()) {
            if (d instanceof Declaration.Typedef t
                    && t.type() instanceof PointerType p
                    && p.target() instanceof FunctionType f) {
                callback(JavaNames.of(t.name()), t.name(), p, f).ifPresent(out::add);
                named.add(p);
            }
        }
        for (Declaration d : table.declarations()) {
            if (!(d instanceof Declaration.Function fn) || whyNot(fn).isPresent()) {
                continue;
            }
            List<String> names = FunctionEmitter.parameterNames(fn.type(), false);
            for (int i = 0; i < fn.type().params().size(); i++) {
                if (fn.type().params().get(i).type() instanceof PointerType p
                        && p.target() instanceof FunctionType f
                        && !named.contains(p)) {
                    String name = fn.name() + "$" + names.get(i);
                    callback(name, name, p, f).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private Optional<BindingModel.CallbackModel> callback(
            String javaName, String cName, PointerType p, FunctionType f) {
        Optional<String> why = f.variadic() ? Optional.of("a callback cannot be variadic") : unpassable(f);
        if (why.isPresent()) {
            skipped.add(cName + ": " + why.get());
            return Optional.empty();
        }
        return Optional.of(new BindingModel.CallbackModel(javaName, f, p.toString()));
    }

    private List<Declaration.Constant> constants() {
        List<Declaration.Constant> out = new ArrayList<>();
        for (Declaration d : table.declarations()) {
            if (d instanceof Declaration.Constant c) {
                if (c.apiMode()) {
                    skipped.add(c.name() + ": its value is '...', which only API mode can tell");
                } else {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private List<BindingModel.GlobalModel> globals() {
        List<BindingModel.GlobalModel> out = new ArrayList<>();
        for (Declaration d : table.declarations()) {
            if (d instanceof Declaration.Variable v) {
                if (v.threadLocal()) {
                    skipped.add(v.name() + ": a thread-local variable has an address per thread: read it through"
                            + " the runtime's Library");
                } else if (!v.type().isComplete() && !(v.type() instanceof org.cffi4j.ctype.ArrayType)) {
                    skipped.add(v.name() + ": its type '" + v.type() + "' is incomplete");
                } else if (table.isStaticConstant(v.name())) {
                    if (api == null) {
                        skipped.add(v.name() + ": a 'static const' of a type other than an integer has a value only API"
                                + " mode can tell");
                    } else {
                        out.add(new BindingModel.GlobalModel(
                                JavaNames.of(v.name()), v, null, GeneratedNames.valueGetter(v.name())));
                    }
                } else {
                    out.add(new BindingModel.GlobalModel(
                            JavaNames.of(v.name()),
                            v,
                            api == null ? null : GeneratedNames.addressGetter(v.name()),
                            null));
                }
            }
        }
        return out;
    }
}
