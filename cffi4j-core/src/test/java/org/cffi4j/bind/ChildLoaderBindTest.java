package org.cffi4j.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interfaces that cffi4j's class loader cannot see, as plugin systems and application servers
 * load them: from a child {@link URLClassLoader} over a directory of class files. Each binding is
 * a hidden class (with constant handles, as on the class path), not a {@code Proxy}, and calls C.
 */
class ChildLoaderBindTest {
    private static final ClassDesc STRING = ConstantDescs.CD_String;

    @TempDir
    Path classes;

    private URLClassLoader plugin;
    private Library c;

    @BeforeEach
    void setUp() {
        FFI ffi = new FFI();
        ffi.cdef("int abs(int); size_t strlen(const char *);");
        c = ffi.dlopen(null);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (plugin != null) {
            plugin.close();
        }
    }

    @Test
    void aPublicInterfaceOfAChildLoaderBindsToAHiddenClass() throws Throwable {
        Class<?> libc = load("com.example.plugin.LibC", true);
        Object bound = c.bind(libc);
        assertHiddenBeside(libc, bound);
        assertEquals(3, call(libc, bound, "abs", -3));
        assertEquals(5L, call(libc, bound, "strlen", "hello"));
    }

    @Test
    void aPackagePrivateInterfaceOfAChildLoaderBindsToAHiddenClassToo() throws Throwable {
        Class<?> libc = load("com.example.plugin.LibC", false);
        Object bound = c.bind(libc);
        assertHiddenBeside(libc, bound);
        assertEquals(42, call(libc, bound, "abs", -42));
    }

    @Test
    void anInterfaceInTheUnnamedPackageOfAChildLoaderBinds() throws Throwable {
        Class<?> libc = load("LibC", true);
        Object bound = c.bind(libc);
        assertHiddenBeside(libc, bound);
        assertEquals(7L, call(libc, bound, "strlen", "abcdefg"));
    }

    @Test
    void bindingAgainReusesTheHostAndGivesANewBinding() throws Throwable {
        Class<?> libc = load("com.example.plugin.LibC", false);
        Object first = c.bind(libc);
        Object second = c.bind(libc);
        assertNotSame(first, second);
        assertNotSame(first.getClass(), second.getClass());
        assertHiddenBeside(libc, second);
        assertEquals(1, call(libc, second, "abs", -1));
    }

    private static void assertHiddenBeside(Class<?> iface, Object bound) {
        Class<?> impl = bound.getClass();
        assertTrue(impl.isHidden(), impl.getName());
        assertFalse(Proxy.isProxyClass(impl), impl.getName());
        // beside the interface: in its package, its loader (which cffi4j's own loader cannot see)
        assertEquals(iface.getPackageName(), impl.getPackageName());
        assertSame(iface.getClassLoader(), impl.getClassLoader());
    }

    private static Object call(Class<?> iface, Object bound, String name, Object arg) throws Throwable {
        Method m = null;
        for (Method candidate : iface.getMethods()) {
            if (candidate.getName().equals(name)) {
                m = candidate;
            }
        }
        if (m == null) {
            m = java.util.Arrays.stream(iface.getDeclaredMethods())
                    .filter(d -> d.getName().equals(name))
                    .findFirst()
                    .orElseThrow();
        }
        m.setAccessible(true); // a package-private interface's methods, from another package
        try {
            return m.invoke(bound, arg);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    // Writes the interface's class file (as a compiler would) into the plugin's directory and loads
    // it through a child class loader.
    private Class<?> load(String name, boolean isPublic) throws Exception {
        byte[] bytes = ClassFile.of().build(ClassDesc.of(name), cb -> {
            cb.withFlags((isPublic ? ClassFile.ACC_PUBLIC : 0) | ClassFile.ACC_INTERFACE | ClassFile.ACC_ABSTRACT);
            cb.withSuperclass(ConstantDescs.CD_Object);
            int abstractMethod = ClassFile.ACC_PUBLIC | ClassFile.ACC_ABSTRACT;
            cb.withMethod(
                    "abs", MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_int), abstractMethod, mb -> {});
            cb.withMethod("strlen", MethodTypeDesc.of(ConstantDescs.CD_long, STRING), abstractMethod, mb -> {});
        });
        Path file = classes.resolve(name.replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        plugin = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ChildLoaderBindTest.class.getClassLoader());
        Class<?> loaded = Class.forName(name, false, plugin);
        assertSame(plugin, loaded.getClassLoader());
        return loaded;
    }
}
