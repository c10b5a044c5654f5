package org.cffi4j.internal.decl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;

/**
 * Whether two declarations of the same name declare the same thing, so that declaring it again
 * (pasting the same header twice, or two headers sharing a typedef) is accepted. Tagged types
 * compare by identity; anonymous ones by their members, since each declaration makes a new one.
 *
 * <p>Types built through typedefs can be nested 100,000 levels deep, and share subtypes so that
 * their trees are exponentially large ({@code typedef t1 (*t2)(t1, t1);}...): pairs of nodes are
 * compared from a work list, not by recursion, and each pair only once, so the time is linear in
 * the number of distinct nodes.
 */
public final class TypeEquivalence {
    private TypeEquivalence() {}

    /** Whether two types are the same type (tagged types by identity, anonymous ones by their members). */
    public static boolean same(CType a, CType b) {
        Comparison c = new Comparison();
        c.push(a, b);
        return c.drain();
    }

    /** Whether two struct or union types have the same members at the same places. */
    public static boolean sameBody(StructType s, StructType t) {
        Comparison c = new Comparison();
        return c.bodies(s, t) && c.drain();
    }

    /** One comparison: the pairs still to compare, and those already queued. */
    private static final class Comparison {
        private final Deque<Pair> pending = new ArrayDeque<>();
        private final Set<Pair> queued = new HashSet<>();

        void push(CType a, CType b) {
            Pair p = new Pair(a, b);
            if (a != b && queued.add(p)) {
                pending.push(p);
            }
        }

        boolean drain() {
            while (!pending.isEmpty()) {
                Pair p = pending.pop();
                if (!nodes(p.a, p.b)) {
                    return false;
                }
            }
            return true;
        }

        // Compares two nodes and queues their children.
        private boolean nodes(CType a, CType b) {
            return switch (a) {
                case PointerType p
                when b instanceof PointerType q -> {
                    push(p.target(), q.target());
                    yield p.targetQualifiers() == q.targetQualifiers();
                }
                case ArrayType x
                when b instanceof ArrayType y -> {
                    push(x.element(), y.element());
                    yield x.length() == y.length();
                }
                case FunctionType f when b instanceof FunctionType g -> functions(f, g);
                case StructType s when b instanceof StructType t -> s.tag() == null && t.tag() == null && bodies(s, t);
                case EnumType e
                when b instanceof EnumType f ->
                    e.tag() == null
                            && f.tag() == null
                            && e.values().equals(f.values())
                            && e.isComplete()
                            && f.isComplete()
                            && e.underlying().equals(f.underlying());
                default -> a.equals(b); // void and the arithmetic types: values
            };
        }

        private boolean functions(FunctionType f, FunctionType g) {
            if (f.variadic() != g.variadic() || f.params().size() != g.params().size()) {
                return false;
            }
            push(f.returnType(), g.returnType());
            for (int i = 0; i < f.params().size(); i++) {
                push(f.params().get(i).type(), g.params().get(i).type());
            }
            return true;
        }

        boolean bodies(StructType s, StructType t) {
            if (s.kind() != t.kind() || s.state() != t.state()) {
                return false;
            }
            if (s.state() != StructType.State.COMPLETE && s.state() != StructType.State.PARTIAL) {
                return true;
            }
            List<Field> a = s.fields();
            List<Field> b = t.fields();
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                Field x = a.get(i);
                Field y = b.get(i);
                if (!java.util.Objects.equals(x.name(), y.name())
                        || x.byteOffset() != y.byteOffset()
                        || x.bitOffset() != y.bitOffset()
                        || x.bitWidth() != y.bitWidth()) {
                    return false;
                }
                push(x.type(), y.type());
            }
            return s.state() == StructType.State.PARTIAL
                    || s.byteSize() == t.byteSize() && s.byteAlignment() == t.byteAlignment();
        }
    }

    /** Two nodes, compared by identity: structural equality of deep types is what is being avoided. */
    private record Pair(CType a, CType b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Pair p && p.a == a && p.b == b;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(a) * 31 + System.identityHashCode(b);
        }
    }
}
