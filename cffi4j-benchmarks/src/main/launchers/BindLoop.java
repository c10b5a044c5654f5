import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.cffi4j.BindOption;
import org.cffi4j.FFI;

/**
 * add_doubles of the benchmark library in a steady loop, through raw FFM and through a binding of
 * an interface declared here, where run-launchers starts it: the source launcher ({@code java
 * BindLoop.java}) and jshell ({@code /open}), whose classes cffi4j's class loader cannot see. Prints
 * whether the binding is a hidden class, then one line per round: the round, ns per call of raw FFM,
 * raw FFM capturing errno, bind (which captures errno) and bind NO_ERRNO; before round 4, the JVM's
 * uptime in ms (where run-launchers starts counting compilations).
 *
 * <p>Arguments: the library's path, the rounds, the calls per round.
 */
public class BindLoop {
    interface Bench {
        double add_doubles(double a, double b);
    }

    static final MethodHandle RAW;
    // Raw FFM capturing errno into a constant buffer: what bind (which keeps errno) compares to.
    static final MethodHandle RAW_ERRNO;
    static final MemorySegment ERRNO = Arena.global().allocate(Linker.Option.captureStateLayout());

    static {
        SymbolLookup lib = SymbolLookup.libraryLookup(Path.of(System.getProperty("cffi4j.benchlib")), Arena.global());
        FunctionDescriptor add = FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE);
        RAW = Linker.nativeLinker().downcallHandle(lib.find("add_doubles").orElseThrow(), add);
        RAW_ERRNO = Linker.nativeLinker()
                .downcallHandle(lib.find("add_doubles").orElseThrow(), add, Linker.Option.captureCallState("errno"));
    }

    static double raw(int n) throws Throwable {
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc = (double) RAW.invokeExact(acc, 1.0);
        }
        return acc;
    }

    static double rawErrno(int n) throws Throwable {
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc = (double) RAW_ERRNO.invokeExact(ERRNO, acc, 1.0);
        }
        return acc;
    }

    // Two loops, one per binding: one loop for both would see two receiver classes.
    static double bindLoop(Bench b, int n) {
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc = b.add_doubles(acc, 1.0);
        }
        return acc;
    }

    static double bindNoErrnoLoop(Bench b, int n) {
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc = b.add_doubles(acc, 1.0);
        }
        return acc;
    }

    public static void main(String[] args) throws Throwable {
        int rounds = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        FFI ffi = new FFI();
        ffi.cdef("double add_doubles(double a, double b);");
        var lib = ffi.dlopen(System.getProperty("cffi4j.benchlib"));
        Bench bench = lib.bind(Bench.class);
        Bench noErrno = lib.bind(Bench.class, BindOption.NO_ERRNO);
        System.out.println("hidden " + bench.getClass().isHidden());
        for (int r = 1; r <= rounds; r++) {
            if (r == 4) { // the compilations from here on are those of a program past its warm-up
                System.out.println("steady " + ManagementFactory.getRuntimeMXBean().getUptime());
            }
            long t0 = System.nanoTime();
            double a = raw(calls);
            long t1 = System.nanoTime();
            double b = bindLoop(bench, calls);
            long t2 = System.nanoTime();
            double c = bindNoErrnoLoop(noErrno, calls);
            long t3 = System.nanoTime();
            double d = rawErrno(calls);
            long t4 = System.nanoTime();
            if (a != calls || b != calls || c != calls || d != calls) {
                throw new AssertionError(a + " " + b + " " + c + " " + d);
            }
            System.out.printf(
                    "round %d %.2f %.2f %.2f %.2f%n",
                    r,
                    (t1 - t0) / (double) calls,
                    (t4 - t3) / (double) calls,
                    (t2 - t1) / (double) calls,
                    (t3 - t2) / (double) calls);
        }
    }
}
