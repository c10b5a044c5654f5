package org.cffi4j.internal.bind;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.Optional;

/**
 * Finds where the hidden class implementing a bound interface can be defined: defining a hidden
 * class takes a full-privilege lookup, and the class must see the interface by name through its
 * own class loader. The binding class uses only the interface and JDK types (its handles come as
 * class data), so it may live in any package that sees the interface:
 *
 * <ol>
 *   <li>the interface's own package, when it is in cffi4j's module (both on the class path, one
 *       class loader);
 *   <li>cffi4j's package, when the interface is public, exported to cffi4j and visible to cffi4j's
 *       class loader;
 *   <li>the interface's own package through a small host class defined there, when the package is
 *       open to cffi4j: every package of an unnamed module is, so this serves jshell, the source
 *       launcher ({@code java Main.java}) and child class loaders (plugins, application servers),
 *       as well as named modules that say {@code opens ... to org.cffi4j}.
 * </ol>
 *
 * A package of a named module neither open to cffi4j nor exported to it and visible from its
 * class loader gives cffi4j no way to define a class that sees the interface (only the module
 * itself can open it), so there is no host: the binding is then a {@code java.lang.reflect.Proxy}.
 */
final class BindingHost {
    /** The name of the host class defined beside an interface: the interface's name plus this. */
    static final String HOST_SUFFIX = "$Cffi4jHost";

    private static final String LOOKUP_METHOD = "lookup";
    private static final MethodType LOOKUP_TYPE = MethodType.methodType(MethodHandles.Lookup.class);

    // One host per interface, for as long as the interface's class lives: binding it again (from
    // another library, or with other options) reuses the lookup.
    private static final ClassValue<Optional<MethodHandles.Lookup>> HOSTS = new ClassValue<>() {
        @Override
        protected Optional<MethodHandles.Lookup> computeValue(Class<?> iface) {
            return Optional.ofNullable(find(iface));
        }
    };

    private BindingHost() {}

    /** A full-privilege lookup where the binding class of {@code iface} can be defined, if there is one. */
    static Optional<MethodHandles.Lookup> of(Class<?> iface) {
        return HOSTS.get(iface);
    }

    private static MethodHandles.Lookup find(Class<?> iface) {
        Module mine = BindingHost.class.getModule();
        // A named cffi4j does not read other modules (unnamed ones included) until it says so;
        // every lookup below needs it to.
        mine.addReads(iface.getModule());
        MethodHandles.Lookup inPackage = privateLookupIn(iface);
        if (inPackage != null && inPackage.hasFullPrivilegeAccess()) {
            return inPackage;
        }
        if (isPublic(iface)
                && iface.getModule().isExported(iface.getPackageName(), mine)
                && isVisibleTo(iface, BindingHost.class.getClassLoader())) {
            return MethodHandles.lookup();
        }
        return inPackage == null ? null : hostBeside(iface, inPackage);
    }

    // A lookup in the interface's package: full privilege in cffi4j's own module, else without
    // module access (enough to define a class there); null if the package is not open to cffi4j.
    private static MethodHandles.Lookup privateLookupIn(Class<?> iface) {
        try {
            return MethodHandles.privateLookupIn(iface, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static boolean isVisibleTo(Class<?> c, ClassLoader loader) {
        try {
            return Class.forName(c.getName(), false, loader) == c;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    // The type and every class it is nested in are public.
    private static boolean isPublic(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /*
     * A lookup with module access comes only from code of the module itself: so cffi4j defines,
     * in the interface's package, a class whose private static lookup() returns its own full-
     * privilege lookup. It gives no more than the open package already gave to whoever may reach
     * the private method (defining classes there), and it references nothing of cffi4j.
     */
    private static MethodHandles.Lookup hostBeside(Class<?> iface, MethodHandles.Lookup inPackage) {
        String name = iface.getName() + HOST_SUFFIX;
        try {
            Class<?> host;
            synchronized (BindingHost.class) { // two threads binding the same interface at once
                host = loaded(name, iface.getClassLoader());
                if (host == null) {
                    host = inPackage.defineClass(hostBytes(name));
                }
            }
            MethodHandles.Lookup hostLookup = MethodHandles.privateLookupIn(host, MethodHandles.lookup());
            return (MethodHandles.Lookup)
                    hostLookup.findStatic(host, LOOKUP_METHOD, LOOKUP_TYPE).invokeExact();
        } catch (Throwable e) {
            // not expected from an open package; the Proxy still serves the binding
            return null;
        }
    }

    // The host class of an earlier bind, if the interface's loader has it.
    private static Class<?> loaded(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static byte[] hostBytes(String name) {
        ClassDesc lookup = ClassDesc.of("java.lang.invoke.MethodHandles$Lookup");
        ClassDesc handles = ClassDesc.of("java.lang.invoke.MethodHandles");
        return ClassFile.of().build(ClassDesc.of(name), cb -> {
            cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC);
            cb.withSuperclass(ConstantDescs.CD_Object);
            cb.withMethodBody(
                    LOOKUP_METHOD,
                    MethodTypeDesc.of(lookup),
                    ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                    code -> code.invokestatic(handles, "lookup", MethodTypeDesc.of(lookup))
                            .areturn());
        });
    }
}
