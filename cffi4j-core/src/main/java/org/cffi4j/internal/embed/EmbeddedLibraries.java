package org.cffi4j.internal.embed;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.internal.upcall.Upcalls;

/**
 * Starts an embedded library: parses its cdef, finds the Java method of each function and writes
 * the function's upcall stub into its slot. Every stub is made before any slot is written, so a
 * library either has all its functions or none. The stubs live as long as the JVM: a C program
 * may keep calling the library until it exits.
 */
public final class EmbeddedLibraries {
    private EmbeddedLibraries() {}

    /**
     * Fills the slots of one library.
     *
     * @param loader the loader that finds the implementing class
     * @param library the library's file, for the reports
     * @param className the implementing class
     * @param cdef the library's declarations
     * @param names the functions, in the order of the slots, separated by commas
     * @param slots the address of the slot array, one pointer per function
     * @param classPath the library's class path (its build's, then {@code CFFI4J_CLASSPATH}): where
     *     the class is looked for when the JVM, started by someone else, does not have it
     * @throws FFIException naming the class, the method or the declaration that is wrong
     */
    public static void start(
            ClassLoader loader,
            String library,
            String className,
            String cdef,
            String names,
            long slots,
            String classPath) {
        FFI ffi = new FFI();
        ffi.cdef(cdef);
        List<EmbeddedFunction> functions = EmbeddedFunction.all(ffi);
        List<String> order = List.of(names.split(","));
        if (!order.equals(functions.stream().map(EmbeddedFunction::name).toList())) {
            throw new FFIException("the library's functions " + order + " are not its cdef's "
                    + functions.stream().map(EmbeddedFunction::name).toList() + ": build it again with cffi4j embed");
        }
        Class<?> impl = implementation(loader, className, classPath);
        List<MemorySegment> stubs = new ArrayList<>();
        for (EmbeddedFunction f : functions) {
            MethodHandle target = ImplementingMethod.of(impl, f);
            String what = "embedded function '" + f.cDeclaration() + "' of " + library + " (" + className + "."
                    + f.name() + ")";
            stubs.add(Upcalls.stub(target, f.descriptor(), what, Arena.global()));
        }
        MemorySegment array = MemorySegment.ofAddress(slots).reinterpret(ValueLayout.ADDRESS.byteSize() * stubs.size());
        for (int i = 0; i < stubs.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, stubs.get(i));
        }
    }

    /**
     * Checks at build time that {@code impl} has a method for each function, as the library's start
     * will: the same lookup and the same messages.
     *
     * @param impl the implementing class (need not be initialised)
     * @param functions the library's functions
     * @throws FFIException naming the first function without a fitting method
     */
    public static void check(Class<?> impl, List<EmbeddedFunction> functions) {
        for (EmbeddedFunction f : functions) {
            ImplementingMethod.of(impl, f);
        }
    }

    // The class from the JVM's loader; else, in a JVM another library or program started, from the
    // library's own class path, in a loader of its own (two plugins of one program each have theirs).
    private static Class<?> implementation(ClassLoader loader, String className, String classPath) {
        try {
            try {
                return Class.forName(className, true, loader);
            } catch (ClassNotFoundException e) {
                return Class.forName(className, true, ownLoader(classPath, loader));
            }
        } catch (ClassNotFoundException e) {
            throw new FFIException("the class " + className + " is not on the class path ("
                    + (classPath.isEmpty() ? System.getProperty("java.class.path") : classPath)
                    + "): add its jar or directory with --classpath at build time, or CFFI4J_CLASSPATH when the"
                    + " program runs");
        } catch (ExceptionInInitializerError e) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.getCause().printStackTrace(new java.io.PrintWriter(trace));
            throw new FFIException("the static initialiser of " + className + " threw " + trace, e);
        } catch (LinkageError e) {
            throw new FFIException("the class " + className + " cannot be loaded: " + e, e);
        }
    }

    private static ClassLoader ownLoader(String classPath, ClassLoader parent) {
        java.util.List<java.net.URL> urls = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                try {
                    urls.add(java.nio.file.Path.of(entry).toUri().toURL());
                } catch (java.net.MalformedURLException | java.nio.file.InvalidPathException e) {
                    // not a path: nothing to load from it
                }
            }
        }
        return new java.net.URLClassLoader(urls.toArray(java.net.URL[]::new), parent);
    }
}
