package org.cffi4j.misuse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.cffi4j.Allocator;
import org.cffi4j.BindOption;
import org.cffi4j.CData;
import org.cffi4j.CFunction;
import org.cffi4j.CdefOptions;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.Scope;

/**
 * The hostile-argument sweep, run in a forked JVM by {@link HostileArgumentsTest}: calls every
 * public method of FFI, Library, CData, Scope and CFunction, on ordinary and broken receivers
 * (released, closed, NULL, a number), with each parameter in turn taken from a pool of hostile
 * values (null, wrong Java types, negative and huge numbers, released cdata, nonsense names) while
 * the others hold ordinary values. It prints one {@code ESCAPED} line for every exception that is
 * not an FFIException, then {@code CALLS n} and {@code DONE}; a crash ends the output early.
 */
public final class HostileArgumentsMain {
    // Methods that touch the file system, run the C compiler or end the shared receivers' lives;
    // their misuse is covered by their own tests.
    private static final Set<String> SKIPPED = Set.of("compile", "emitCCode", "setSource", "wait", "notify");

    private static final String CDEF = """
            int abs(int j);
            long labs(long j);
            void *malloc(size_t n);
            void free(void *p);
            struct point { int x, y; };
            struct flex { int n; int items[]; };
            enum color { RED, GREEN };
            """;

    // Where the ordinary and hostile argument values come from.
    private static final FFI VALUES = fixture();

    private HostileArgumentsMain() {}

    /** Runs the sweep; prints the escapes. */
    public static void main(String[] args) {
        long calls = 0;
        for (Class<?> type :
                List.of(FFI.class, Library.class, CData.class, Scope.class, CFunction.class, Allocator.class)) {
            List<Method> methods = Arrays.stream(type.getMethods())
                    .filter(m -> m.getDeclaringClass() == type && !SKIPPED.contains(m.getName()))
                    .sorted(Comparator.comparing(Method::toString))
                    .toList();
            for (Method m : methods) {
                for (Supplier<Object> receiver : receivers(type)) {
                    for (Object[] arguments : argumentLists(m)) {
                        calls++;
                        Object target = Modifier.isStatic(m.getModifiers()) ? null : receiver.get();
                        call(m, target, arguments);
                    }
                }
            }
        }
        System.out.println("CALLS " + calls);
        System.out.println("DONE");
    }

    private static void call(Method m, Object target, Object[] arguments) {
        try {
            m.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (!(t instanceof FFIException)) {
                StackTraceElement where = t.getStackTrace().length > 0 ? t.getStackTrace()[0] : null;
                System.out.println("ESCAPED " + m.getDeclaringClass().getSimpleName() + "." + m.getName() + "("
                        + describe(arguments) + ") on " + describe(target) + ": " + t + " at " + where);
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Supplier<Object>> receivers(Class<?> type) {
        FFI ffi = fixture();
        if (type == FFI.class) {
            return List.of(HostileArgumentsMain::fixture);
        }
        if (type == Library.class) {
            Library closed = ffi.dlopen(null);
            closed.close();
            return List.of(() -> ffi.dlopen(null), () -> closed);
        }
        if (type == Scope.class) {
            Scope closed = ffi.scope();
            closed.close();
            return List.of(ffi::scope, () -> closed);
        }
        if (type == Allocator.class) {
            Library libc = ffi.dlopen(null);
            return List.of(
                    () -> ffi.newAllocator(null, null, true),
                    () -> ffi.newAllocator(libc.function("malloc"), libc.function("free"), false));
        }
        if (type == CFunction.class) {
            Library libc = ffi.dlopen(null);
            return List.of(() -> libc.function("abs"), () -> libc.function("labs"));
        }
        Library libc = ffi.dlopen(null);
        return List.of(
                () -> ffi.alloc("struct point *"),
                () -> ffi.alloc("int[4]"),
                () -> ffi.alloc("struct flex *"),
                () -> released(ffi),
                () -> FFI.NULL,
                () -> ffi.cast("int", 5),
                () -> ffi.cast("enum color", 1),
                () -> ffi.cast("char", 65),
                () -> libc.addressOf("abs"),
                () -> ffi.cast("int *", ffi.alloc("int[4]")),
                () -> ffi.alloc("struct point *").deref(),
                () -> ffi.callback("int(*)(int)", (Function<Object[], Object>) a -> 0),
                () -> ffi.fromBuffer("char[]", ByteBuffer.allocateDirect(8).asReadOnlyBuffer()),
                () -> ffi.gc(ffi.alloc("int[2]"), x -> {}),
                () -> ffi.alloc("char[]", "text"));
    }

    private static FFI fixture() {
        FFI ffi = new FFI();
        ffi.cdef(CDEF);
        return ffi;
    }

    private static CData released(FFI ffi) {
        CData c = ffi.alloc("struct point *");
        ffi.release(c);
        return c;
    }

    // Each parameter in turn from its hostile pool, the others at each of their ordinary values.
    private static List<Object[]> argumentLists(Method m) {
        Class<?>[] types = m.getParameterTypes();
        List<Object[]> lists = new ArrayList<>();
        if (types.length == 0) {
            lists.add(new Object[0]);
            return lists;
        }
        for (int hostile = 0; hostile < types.length; hostile++) {
            for (Object h : hostile(types[hostile])) {
                for (int ordinary = 0; ordinary < ordinaryCount(); ordinary++) {
                    Object[] a = new Object[types.length];
                    for (int i = 0; i < types.length; i++) {
                        a[i] = i == hostile ? h : ordinary(types[i], ordinary);
                    }
                    lists.add(a);
                }
            }
        }
        return lists;
    }

    private static final String[] ORDINARY_NAMES = {"struct point *", "int[]", "abs", "x", "struct flex *", "int"};

    private static int ordinaryCount() {
        return ORDINARY_NAMES.length;
    }

    private static Object ordinary(Class<?> type, int i) {
        FFI ffi = VALUES;
        if (type == String.class) {
            return ORDINARY_NAMES[i];
        }
        if (type == String[].class) {
            return new String[][] {{}, {"x"}, {"0"}, {"items", "1"}, {"n"}, {"1"}}[i];
        }
        if (type == Object[].class) {
            return new Object[][] {{}, {1}, {1, 2}, {-5}, {List.of(1, 2)}, {null}}[i];
        }
        if (type == boolean.class) {
            return i % 2 == 0;
        }
        if (type == long.class || type == int.class) {
            Object n = new Object[] {0L, 1L, 4L, 8L, 2L, 3L}[i];
            return type == int.class ? (Object) ((Long) n).intValue() : n;
        }
        if (type == CData.class) {
            return i % 2 == 0 ? ffi.alloc("struct point *") : ffi.alloc("int[4]");
        }
        if (type == Object.class) {
            return new Object[] {1, List.of(1, 2), Map.of("x", 1), "x", ffi.alloc("int[4]"), 2L}[i];
        }
        if (type == Class.class) {
            return Runnable.class;
        }
        if (type == BindOption[].class) {
            return new BindOption[0];
        }
        if (type == Consumer.class) {
            return (Consumer<Object>) x -> {};
        }
        if (type == FFI.class) {
            return fixture();
        }
        if (type == CdefOptions.class) {
            return CdefOptions.defaults();
        }
        if (type == Function.class) {
            return (Function<Object, Object>) x -> x;
        }
        if (type == Supplier.class) {
            return (Supplier<Object>) () -> 1;
        }
        return null;
    }

    private static List<Object> hostile(Class<?> type) {
        FFI ffi = VALUES;
        List<Object> values = new ArrayList<>();
        values.add(null);
        if (type == String.class) {
            values.addAll(List.of(
                    "",
                    "((",
                    "struct nope",
                    "struct nope *",
                    "int[-1]",
                    "void",
                    "-1",
                    "\0",
                    "void *",
                    "struct flex",
                    "int(*)(int)",
                    "enum color"));
        } else if (type == String[].class) {
            values.addAll(Arrays.asList(
                    new String[] {null},
                    new String[] {"-1"},
                    new String[] {"99999999999999999999"},
                    new String[] {"nope"},
                    new String[] {""},
                    new String[] {"x", "y"},
                    new String[] {"items", "-1"}));
        } else if (type == Object[].class) {
            values.addAll(Arrays.asList(
                    new Object[] {new Object()},
                    new Object[] {1, 2, 3, 4, 5, 6, 7},
                    new Object[] {Long.MAX_VALUE},
                    new Object[] {released(ffi)},
                    new Object[] {List.of(new Object())},
                    new Object[] {1.5}));
        } else if (type == long.class) {
            values.clear();
            values.addAll(List.of(-1L, Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MAX_VALUE + 1));
        } else if (type == boolean.class) {
            values.clear();
            values.addAll(List.of(true, false));
        } else if (type == int.class) {
            values.clear();
            values.addAll(List.of(-1, Integer.MIN_VALUE, Integer.MAX_VALUE));
        } else if (type == CData.class) {
            values.addAll(List.of(
                    released(ffi), FFI.NULL, ffi.cast("int", 5), ffi.cast("enum color", 1), ffi.alloc("char[0]")));
        } else if (type == Object.class) {
            values.addAll(List.of(
                    new Object(),
                    "text",
                    -1,
                    Long.MIN_VALUE,
                    1e300,
                    Double.NaN,
                    List.of(new Object()),
                    Map.of("zz", 1),
                    Map.of(1, 2),
                    new int[] {-1},
                    new Object[] {null},
                    released(ffi),
                    FFI.NULL,
                    ffi.cast("int", 5),
                    ByteBuffer.allocateDirect(4).asReadOnlyBuffer(),
                    ByteBuffer.allocate(4),
                    new byte[0],
                    List.of(List.of(List.of(1))),
                    new java.math.BigInteger("-1"),
                    '\uffff',
                    true));
        } else if (type == Class.class) {
            values.addAll(List.of(String.class, Object.class, List.class, int.class, Comparable.class));
        } else if (type == BindOption[].class) {
            values.add(new BindOption[] {null});
        } else if (type == FFI.class) {
            values.add(ffi);
        }
        return values;
    }

    private static String describe(Object[] arguments) {
        List<String> parts = new ArrayList<>();
        for (Object a : arguments) {
            parts.add(describe(a));
        }
        return String.join(", ", parts);
    }

    private static String describe(Object o) {
        if (o instanceof Object[] a) {
            return Arrays.deepToString(a);
        }
        if (o instanceof String s) {
            return '"' + s.replace("\0", "\\0") + '"';
        }
        if (o instanceof int[] a) {
            return Arrays.toString(a);
        }
        return String.valueOf(o).replaceAll("@[0-9a-f]+", "");
    }
}
