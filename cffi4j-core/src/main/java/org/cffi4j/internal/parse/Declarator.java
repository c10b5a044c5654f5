package org.cffi4j.internal.parse;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.Param;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.layout.Primitives;

/**
 * A parsed declarator: the declared name (if any) and the derivations (pointers, arrays,
 * functions) to apply to the base type, read inside-out as C does: in {@code int *(*f)[3]},
 * {@code f} is a pointer to an array of 3 pointers to int.
 */
final class Declarator {
    /** One derivation step. */
    sealed interface Step {}

    /** {@code *} with the qualifiers written after it (which qualify the pointer itself). */
    record Pointer(int ownQualifiers) implements Step {}

    /**
     * The length of a parameter's array that is not a constant ({@code [n]} naming an earlier
     * parameter, {@code [*]}): allowed only on the outermost array, which becomes a pointer.
     */
    static final long VARIABLE_LENGTH = -3;

    /** {@code [N]}, {@code []}, {@code [...]} or a variable length. */
    record Array(long length, Token at) implements Step {}

    /** {@code (params)}, with the declarator of each parameter (for its spelling). */
    record Function(List<Param> params, boolean variadic, Token at, List<Declarator> declarators) implements Step {}

    String name;
    Token nameToken;
    /** In an abstract declarator, the token before which its name would stand ({@code (*)} : {@code )}). */
    Token nameSlot;
    /** Pointers, in source order (leftmost first). */
    final List<Pointer> pointers = new ArrayList<>();
    /** Array and function suffixes, in source order. */
    final List<Step> suffixes = new ArrayList<>();
    /** The parenthesised inner declarator, or null. */
    Declarator inner;

    final Attributes attributes = new Attributes();
    /** The platform whose pointers the declarator makes. */
    private final Primitives primitives;

    Declarator(Primitives primitives) {
        this.primitives = primitives;
    }

    /** The declared type: the derivations applied to {@code base} (with qualifiers {@code quals}). */
    CType apply(CType base, int quals, TokenStream ts) {
        return applyQualified(base, quals, ts).type();
    }

    /** A declared type and the qualifiers of the declared object itself ({@code const} of {@code int *const p}). */
    record Applied(CType type, int qualifiers) {}

    /** The declared type and the declared object's own qualifiers. */
    Applied applyQualified(CType base, int quals, TokenStream ts) {
        return applyQualified(base, quals, ts, true);
    }

    // outermost: whether this declarator's steps include the last one applied (the declared object's
    // own derivation): only there may a parameter's array have a variable length.
    private Applied applyQualified(CType base, int quals, TokenStream ts, boolean outermost) {
        CType t = base;
        int q = quals;
        for (Pointer p : pointers) {
            t = primitives.pointerTo(t, q);
            q = p.ownQualifiers();
        }
        for (int i = suffixes.size() - 1; i >= 0; i--) {
            t = applySuffix(suffixes.get(i), t, ts, outermost && inner == null && i == 0);
            q = suffixes.get(i) instanceof Array ? q : 0; // an array of const is itself const
        }
        if (t instanceof ArrayType array && !suffixes.isEmpty() && suffixes.get(0) instanceof Array first) {
            checkSize(array, first.at(), ts); // once for the whole array: its size walks every dimension
        }
        return inner == null ? new Applied(t, q) : inner.applyQualified(t, q, ts, outermost);
    }

    private CType applySuffix(Step s, CType element, TokenStream ts, boolean last) {
        if (s instanceof Array a) {
            if (a.length() == VARIABLE_LENGTH && !last) {
                throw ts.error(
                        a.at(),
                        "this array's length is not a constant: only a parameter's outermost array (which C passes"
                                + " as a pointer) may have a variable length");
            }
            if (element instanceof FunctionType) {
                throw ts.error(a.at(), "declaration of an array of functions (use an array of function pointers)");
            }
            if (element instanceof VoidType) {
                throw ts.error(a.at(), "declaration of an array of void");
            }
            boolean incomplete = element instanceof StructType st && st.state() == StructType.State.INCOMPLETE
                    || element instanceof EnumType e && !e.isComplete();
            // T[N][...]: an inner length only the C compiler knows (API mode) is a length all the same.
            if (incomplete
                    || element instanceof ArrayType inner
                            && !inner.hasLength()
                            && inner.length() != ArrayType.API_MODE_LENGTH) {
                throw ts.error(a.at(), "array type has incomplete element type '" + element + "'");
            }
            checkElementAlignment(element, a.at(), ts);
            return new ArrayType(element, a.length() == VARIABLE_LENGTH ? ArrayType.UNKNOWN_LENGTH : a.length());
        }
        Function f = (Function) s;
        if (element instanceof ArrayType || element instanceof FunctionType) {
            throw ts.error(
                    f.at(),
                    "a function cannot return " + (element instanceof ArrayType ? "an array" : "a function") + " ('"
                            + element + "'); return a pointer instead");
        }
        return new FunctionType(element, f.params(), f.variadic());
    }

    // No object may be larger than the platform's ptrdiff_t can count (2 GiB on 32-bit platforms).
    private void checkSize(ArrayType array, Token at, TokenStream ts) {
        if (!array.hasLength() || array.element() instanceof ArrayType inner && !inner.hasLength()) {
            return;
        }
        if (primitives.abi().pointerSize() >= 8) {
            return; // a size past 2^63 already overflows; and the size of a deep array costs its depth
        }
        long max = (1L << (primitives.abi().pointerSize() * 8 - 1)) - 1;
        long size;
        try {
            size = array.isComplete() ? array.byteSize() : 0;
        } catch (ArithmeticException | org.cffi4j.FFIException e) {
            return; // an overflowing or unknown size is reported where it is used, as before
        }
        if (size > max) {
            throw ts.error(at, "size of array '" + array + "' is too large (more than " + max + " bytes)");
        }
    }

    // gcc: the items of an array are laid end to end, so each must stay aligned (a typedef with
    // aligned(N) can make a type's alignment exceed or not divide its size).
    private static void checkElementAlignment(CType element, Token at, TokenStream ts) {
        if (element instanceof ArrayType || !element.isComplete()) { // arrays first: isComplete walks them
            return;
        }
        long size = element.byteSize();
        long align = element.byteAlignment();
        if (size != 0 && align > size) {
            throw ts.error(
                    at,
                    "alignment of array elements is greater than element size ('" + element + "': size " + size
                            + ", alignment " + align + ")");
        }
        if (size % align != 0) {
            throw ts.error(
                    at,
                    "size of array element is not a multiple of its alignment ('" + element + "': size " + size
                            + ", alignment " + align + ")");
        }
    }

    /**
     * C's parameter adjustment: arrays and functions become pointers. The qualifiers of an array's
     * elements ({@code qualifiers}, as {@link #applyQualified} gives them) qualify the pointer's
     * target: {@code char *const argv[]} is {@code char *const *}, which the C compiler does not
     * take for {@code char **}.
     */
    CType adjustParameter(CType t, int qualifiers) {
        if (t instanceof ArrayType a) {
            return primitives.pointerTo(a.element(), a.element() instanceof ArrayType ? 0 : qualifiers);
        }
        if (t instanceof FunctionType) {
            return primitives.pointerTo(t, 0);
        }
        return t;
    }
}
