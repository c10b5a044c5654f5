package org.cffi4j.internal.call;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.cffi4j.CData;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.convert.IntegerRange;
import org.cffi4j.internal.layout.Primitives;

/**
 * A variadic C function ({@code printf}): the extra arguments get C's default promotions from their
 * Java types (Integer to int, Long to long, Float and Double to double, String to char *, a cdata
 * to its own C type with char/short promoted to int and float to double). One downcall handle is
 * built per distinct list of extra types and reused.
 */
public final class VariadicDowncall {
    private static final PrimitiveType INT = Primitives.current().get("int");
    private static final PrimitiveType LONG = Primitives.current().get("long");
    private static final PrimitiveType DOUBLE = Primitives.current().get("double");
    private static final PointerType CHAR_P =
            new PointerType(Primitives.current().get("char"));
    private static final PointerType VOID_P = new PointerType(VoidType.VOID);

    private final String name;
    private final FunctionType type;
    private final MemorySegment address;
    private final Runnable openCheck;
    private final ConcurrentHashMap<List<CType>, Downcall> bySignature = new ConcurrentHashMap<>();

    public VariadicDowncall(String name, FunctionType type, MemorySegment address, Runnable openCheck) {
        this.name = name;
        this.type = type;
        this.address = address;
        this.openCheck = openCheck;
    }

    /** Calls with the fixed arguments converted to their declared types and the rest promoted. */
    public Object invoke(Object[] args) {
        int fixed = type.params().size();
        if (args == null || args.length < fixed) {
            throw new FFIException("'" + name + "' takes at least " + fixed + " argument" + (fixed == 1 ? "" : "s")
                    + Downcall.declaration(name, type) + ", "
                    + (args == null
                            ? "a null array given (for one NULL argument, pass (Object) null)"
                            : args.length + " given"));
        }
        List<CType> extra = new ArrayList<>(args.length - fixed);
        Object[] values = args;
        for (int i = fixed; i < args.length; i++) {
            extra.add(promoted(args[i], i + 1));
            if (args[i] instanceof Boolean b) {
                values = values == args ? args.clone() : values;
                values[i] = b ? 1 : 0; // C promotes a _Bool to an int: 1 or 0
            }
        }
        return bySignature
                .computeIfAbsent(extra, e -> Downcall.of(name, type, e, address, openCheck))
                .invoke(values);
    }

    private CType promoted(Object arg, int position) {
        return switch (arg) {
            case null -> VOID_P;
            case Integer i -> INT;
            case Short s -> INT;
            case Byte b -> INT;
            case Character c -> INT;
            case Boolean b -> INT;
            case Long l -> LONG;
            case Double d -> DOUBLE;
            case Float f -> DOUBLE;
            case String s -> CHAR_P;
            case MemorySegment m -> VOID_P;
            case CData c -> promotedType(c.ctype());
            default ->
                throw new FFIException(
                        "cannot pass " + IntegerRange.describe(arg) + " as variadic argument " + position + " of '"
                                + name + "': use an Integer, Long, Double, String, a cdata, or ffi.cast(\"type\", x)");
        };
    }

    private static CType promotedType(CType t) {
        CType u = t instanceof EnumType e ? e.underlying() : t;
        if (u instanceof PrimitiveType p) {
            if (p.kind() == PrimitiveType.Kind.FLOATING && p.size() < 8) {
                return DOUBLE;
            }
            if (p.isIntegral() && p.size() < 4) {
                return INT;
            }
            return p;
        }
        return u instanceof ArrayType a ? new PointerType(a.element()) : u;
    }
}
