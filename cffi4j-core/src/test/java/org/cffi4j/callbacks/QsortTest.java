package org.cffi4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * libc's {@code qsort}, {@code qsort_r} and {@code bsearch} (declared by the real {@code stdlib.h})
 * with Java comparators: the typed style (a functional interface in the C signature's Java types),
 * a standard {@link Comparator} and the generic {@code Function<Object[], Object>} style, on ints and
 * on structs.
 */
class QsortTest {
    private static final String COMPARATOR = "int(*)(const void *, const void *)";

    private static FFI ffi;
    private static Library libc;

    /** {@code int (*)(const void *, const void *)} in the linker's own Java types. */
    @FunctionalInterface
    public interface RawComparator {
        int compare(MemorySegment a, MemorySegment b);
    }

    /** {@code int (*)(const void *, const void *)} with the pointers as cdata. */
    @FunctionalInterface
    public interface CDataComparator {
        int compare(CData a, CData b);
    }

    /** glibc's {@code int (*)(const void *, const void *, void *)} of {@code qsort_r}. */
    @FunctionalInterface
    public interface ComparatorWithArg {
        int compare(CData a, CData b, CData arg);
    }

    @BeforeAll
    static void load() {
        ffi = Headers.ffi("stdlib.h");
        ffi.cdef("struct item { int key; char name[12]; };");
        libc = ffi.dlopen(null);
    }

    private static int[] randomInts(int n) {
        return new Random(7).ints(n, -1_000_000, 1_000_000).toArray();
    }

    private static int intAt(MemorySegment p) {
        return p.reinterpret(4).get(ValueLayout.JAVA_INT, 0);
    }

    private int intAt(CData p) {
        return (Integer) ffi.cast("int *", p).deref();
    }

    private static int[] sorted(int[] values) {
        int[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    @Test
    void qsortOfIntsWithATypedComparator() {
        int[] values = randomInts(1000);
        CData array = ffi.alloc("int[]", values);
        AtomicInteger calls = new AtomicInteger();
        CData compare = ffi.callback(COMPARATOR, (RawComparator) (a, b) -> {
            calls.incrementAndGet();
            return Integer.compare(intAt(a), intAt(b));
        });

        libc.call("qsort", array, (long) values.length, 4L, compare);

        assertArrayEquals(sorted(values), (int[]) ffi.unpack(array, values.length));
        assertTrue(calls.get() >= values.length - 1, "the comparator was called " + calls + " times");
    }

    @Test
    void qsortOfIntsWithAGenericFunctionAndTheTypedefName() {
        int[] values = randomInts(500);
        CData array = ffi.alloc("int[]", values);
        // stdlib.h: typedef int (*__compar_fn_t) (const void *, const void *);
        CData compare = ffi.callback("__compar_fn_t", (Function<Object[], Object>) args -> {
            assertEquals(2, args.length);
            return Integer.compare(intAt((CData) args[0]), intAt((CData) args[1]));
        });

        libc.call("qsort", array, (long) values.length, ffi.sizeof("int"), compare);

        assertArrayEquals(sorted(values), (int[]) ffi.unpack(array, values.length));
    }

    @Test
    void qsortWithAJavaUtilComparatorReceivesCData() {
        int[] values = randomInts(300);
        CData array = ffi.alloc("int[]", values);
        // Comparator's compare(Object, Object) takes the conversion table's values: cdata pointers.
        Comparator<CData> descending = (a, b) -> Integer.compare(intAt(b), intAt(a));
        CData compare = ffi.callback(COMPARATOR, descending);

        libc.call("qsort", array, (long) values.length, 4L, compare);

        int[] expected = sorted(values);
        for (int i = 0; i < expected.length / 2; i++) {
            int t = expected[i];
            expected[i] = expected[expected.length - 1 - i];
            expected[expected.length - 1 - i] = t;
        }
        assertArrayEquals(expected, (int[]) ffi.unpack(array, values.length));
    }

    private CData items(String... keyedNames) {
        List<Map<String, Object>> init = new ArrayList<>();
        for (String s : keyedNames) {
            String[] kv = s.split("=");
            init.add(Map.of("key", Integer.parseInt(kv[0]), "name", kv[1]));
        }
        return ffi.alloc("struct item[]", init);
    }

    private List<String> itemsAsText(CData items, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CData item = (CData) items.get(i);
            out.add(item.get("key") + "=" + ffi.string((CData) item.get("name")));
        }
        return out;
    }

    private static final String[] UNSORTED = {"3=carol", "1=zed", "2=bob", "1=alice", "3=alan", "-4=dave"};
    private static final List<String> SORTED = List.of("-4=dave", "1=alice", "1=zed", "2=bob", "3=alan", "3=carol");

    private int compareItems(CData a, CData b) {
        CData x = ffi.cast("struct item *", a);
        CData y = ffi.cast("struct item *", b);
        int byKey = Integer.compare((Integer) x.get("key"), (Integer) y.get("key"));
        return byKey != 0 ? byKey : ffi.string((CData) x.get("name")).compareTo(ffi.string((CData) y.get("name")));
    }

    @Test
    void qsortOfStructsWithATypedComparator() {
        CData items = items(UNSORTED);

        libc.call(
                "qsort",
                items,
                (long) UNSORTED.length,
                ffi.sizeof("struct item"),
                ffi.callback(COMPARATOR, (CDataComparator) this::compareItems));

        assertEquals(SORTED, itemsAsText(items, UNSORTED.length));
    }

    @Test
    void qsortOfStructsWithAGenericFunction() {
        CData items = items(UNSORTED);
        Function<Object[], Object> compare = args -> compareItems((CData) args[0], (CData) args[1]);

        libc.call("qsort", items, (long) UNSORTED.length, ffi.sizeof("struct item"), ffi.callback(COMPARATOR, compare));

        assertEquals(SORTED, itemsAsText(items, UNSORTED.length));
    }

    @Test
    void bsearchFindsPresentKeysAndReturnsNullForAbsentOnes() {
        int[] values = sorted(randomInts(200));
        CData array = ffi.alloc("int[]", values);
        CData compare = ffi.callback(COMPARATOR, (CDataComparator) (a, b) -> Integer.compare(intAt(a), intAt(b)));
        CData key = ffi.alloc("int *");

        for (int i : new int[] {0, 57, values.length - 1}) {
            key.set(0, values[i]);
            CData found = (CData) libc.call("bsearch", key, array, (long) values.length, 4L, compare);
            assertEquals(values[i], intAt(found));
            assertEquals(values[i], values[(int) ffi.cast("int *", found).minus(array)]);
        }
        key.set(0, 1_000_001); // outside the range of randomInts
        assertTrue(((CData) libc.call("bsearch", key, array, (long) values.length, 4L, compare)).isNull());
    }

    @Test
    void qsortRGivesTheComparatorAHandleAsItsUserData() {
        int[] values = randomInts(400);
        CData array = ffi.alloc("int[]", values);
        Comparator<Integer> byAbsoluteValue = Comparator.comparingInt(Math::abs);
        CData handle = ffi.newHandle(byAbsoluteValue);
        AtomicInteger sameHandle = new AtomicInteger();
        CData compare = ffi.callback("int(*)(const void *, const void *, void *)", (ComparatorWithArg) (a, b, arg) -> {
            @SuppressWarnings("unchecked")
            Comparator<Integer> order = (Comparator<Integer>) ffi.fromHandle(arg);
            if (order == byAbsoluteValue && arg.equals(handle)) {
                sameHandle.incrementAndGet();
            }
            return order.compare(intAt(a), intAt(b));
        });

        libc.call("qsort_r", array, (long) values.length, 4L, compare, handle);

        int[] result = (int[]) ffi.unpack(array, values.length);
        for (int i = 1; i < result.length; i++) {
            assertTrue(Math.abs(result[i - 1]) <= Math.abs(result[i]), "not sorted by |x| at " + i);
        }
        assertArrayEquals(sorted(values), sorted(result));
        assertTrue(sameHandle.get() >= values.length - 1, "the handle came back " + sameHandle + " times");
        ffi.release(handle);
    }

    @Test
    void aComparatorThatAlwaysThrowsLeavesAPermutationAndReportsEveryCall() {
        int[] values = randomInts(50);
        CData array = ffi.alloc("int[]", values);
        AtomicInteger calls = new AtomicInteger();
        List<Throwable> reported = new ArrayList<>();
        CData compare = ffi.callback(
                COMPARATOR,
                (RawComparator) (a, b) -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("no order");
                },
                null,
                reported::add); // qsort runs on this thread: no synchronisation needed

        libc.call("qsort", array, (long) values.length, 4L, compare);

        // Every comparison answered 0 (equal): qsort ends normally with the same multiset of values.
        assertArrayEquals(sorted(values), sorted((int[]) ffi.unpack(array, values.length)));
        assertEquals(calls.get(), reported.size());
        assertTrue(reported.stream()
                .allMatch(t ->
                        t instanceof IllegalStateException && t.getMessage().equals("no order")));
    }
}
