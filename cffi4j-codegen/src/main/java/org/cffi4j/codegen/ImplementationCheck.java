package org.cffi4j.codegen;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cffi4j.internal.embed.EmbeddedFunction;
import org.cffi4j.internal.embed.EmbeddedLibraries;

/**
 * The implementing class of an embedded library, checked at build time when the class path has
 * it: a missing or mistyped method fails the build, with the message the library's start would
 * print. The class is loaded, not initialised, in a loader thrown away afterwards.
 */
final class ImplementationCheck {
    private ImplementationCheck() {}

    /**
     * Checks the class.
     *
     * @return a note when the class path does not have the class (it is then checked only when the
     *     library starts, with CFFI4J_CLASSPATH)
     * @throws org.cffi4j.FFIException naming the function and the method to write
     */
    static Optional<String> of(EmbeddingSpec spec, List<EmbeddedFunction> functions) {
        List<URL> urls = new ArrayList<>();
        for (String entry : EmbeddingClassPath.of(spec.classPath())) {
            try {
                urls.add(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                // not a path: nothing to load from it
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), new Cffi4jOnly())) {
            Class<?> impl;
            try {
                impl = Class.forName(spec.className(), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.of(spec.className() + " is not on the class path given: its methods are checked when"
                        + " the library starts");
            }
            EmbeddedLibraries.check(impl, functions);
            return Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty(); // closing the loader: nothing was checked wrong
        }
    }

    // The parent of the check's loader: the JDK and cffi4j's runtime, whose classes the check must
    // share (its types are the method's), and nothing of the build tool's own class path.
    private static final class Cffi4jOnly extends ClassLoader {
        Cffi4jOnly() {
            super(ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.cffi4j.") && !name.startsWith("org.cffi4j.codegen.")) {
                return org.cffi4j.FFI.class.getClassLoader().loadClass(name);
            }
            Class<?> c = super.loadClass(name, resolve);
            // the platform loader hands a package of an application module to its loader: not the JDK's
            ClassLoader from = c.getClassLoader();
            if (from != null && from != getParent()) {
                throw new ClassNotFoundException(name);
            }
            return c;
        }
    }
}
