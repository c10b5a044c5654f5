package org.cffi4j.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.classfile.ClassFile;
import java.lang.classfile.attribute.ModuleAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.constant.ModuleDesc;
import java.lang.constant.PackageDesc;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interface of a named module in a module layer of its own, as a plugin system loads plugin
 * modules: cffi4j's class loader cannot see it. Opened to cffi4j, its binding is a hidden class in
 * the plugin's module; exported only, cffi4j has no way to define a class that sees it, and the
 * binding is a {@code Proxy} (the case the documentation tells to open).
 */
class ModuleLayerBindTest {
    private static final String MODULE = "com.example.plugin";
    private static final String PACKAGE = "com.example.plugin";

    @TempDir
    Path dir;

    private Library c;

    @BeforeEach
    void setUp() {
        assumeTrue(FFI.class.getModule().isNamed(), "qualified opens name org.cffi4j: a named module");
        FFI ffi = new FFI();
        ffi.cdef("int abs(int);");
        c = ffi.dlopen(null);
    }

    @Test
    void openedItBindsToAHiddenClassInThatModuleExportedOnlyToAProxy() throws Throwable {
        Class<?> opened = load(true, "opened");
        Object bound = c.bind(opened);
        assertTrue(bound.getClass().isHidden(), bound.getClass().getName());
        assertFalse(Proxy.isProxyClass(bound.getClass()));
        assertSame(opened.getModule(), bound.getClass().getModule());
        assertEquals(12, abs(opened, bound, -12));

        Class<?> exported = load(false, "exported");
        Object proxied = c.bind(exported);
        assertTrue(Proxy.isProxyClass(proxied.getClass()), proxied.getClass().getName());
        assertEquals(12, abs(exported, proxied, -12));
    }

    private static Object abs(Class<?> iface, Object bound, int x) throws Throwable {
        Method m = iface.getMethod("abs", int.class);
        return m.invoke(bound, x);
    }

    // The plugin module, written as javac would (module-info.class and the interface's class) into
    // its own directory, and defined in a new layer over the boot layer with a class loader of its own.
    private Class<?> load(boolean open, String where) throws Exception {
        byte[] moduleInfo = ClassFile.of().buildModule(ModuleAttribute.of(ModuleDesc.of(MODULE), m -> {
            m.requires(ModuleDesc.of("java.base"), ClassFile.ACC_MANDATED, null);
            if (open) {
                m.opens(PackageDesc.of(PACKAGE), 0, ModuleDesc.of("org.cffi4j"));
            } else {
                m.exports(PackageDesc.of(PACKAGE), 0, ModuleDesc.of("org.cffi4j"));
            }
        }));
        byte[] iface = ClassFile.of().build(ClassDesc.of(PACKAGE + ".LibC"), cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_INTERFACE | ClassFile.ACC_ABSTRACT);
            cb.withSuperclass(ConstantDescs.CD_Object);
            cb.withMethod(
                    "abs",
                    MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_int),
                    ClassFile.ACC_PUBLIC | ClassFile.ACC_ABSTRACT,
                    mb -> {});
        });
        Path module = dir.resolve(where).resolve(MODULE);
        Files.createDirectories(module.resolve(PACKAGE.replace('.', '/')));
        Files.write(module.resolve("module-info.class"), moduleInfo);
        Files.write(module.resolve(PACKAGE.replace('.', '/') + "/LibC.class"), iface);
        ModuleLayer boot = ModuleLayer.boot();
        Configuration cf = boot.configuration().resolve(ModuleFinder.of(module), ModuleFinder.of(), Set.of(MODULE));
        ModuleLayer layer = ModuleLayer.defineModulesWithOneLoader(
                        cf, List.of(boot), ClassLoader.getSystemClassLoader())
                .layer();
        return Class.forName(layer.findModule(MODULE).orElseThrow(), PACKAGE + ".LibC");
    }
}
