package org.cffi4j.codegen;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Generated bindings compiled in-process by javac with every lint warning an error, and loaded in
 * a class loader of their own, as a user's build would compile and load them.
 */
final class Compiled {
    private Compiled() {}

    /** Compiles the bindings, writes their resources beside the classes, and loads them. */
    static ClassLoader load(Path dir, GeneratedBinding... bindings) {
        try {
            Path src = dir.resolve("src");
            Path classes = dir.resolve("classes");
            List<String> args = new ArrayList<>(
                    List.of("-Xlint:all", "-Werror", "-d", classes.toString(), "-classpath", classPath()));
            for (GeneratedBinding b : bindings) {
                args.add(b.writeTo(src, classes).toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter out = new StringWriter();
            int rc = javac.run(null, null, null, args.toArray(String[]::new));
            if (rc != 0) {
                throw new AssertionError("javac failed on the generated source:\n" + out
                        + String.join("\n", bindings[0].javaSource().lines().toList()));
            }
            return new URLClassLoader(new URL[] {classes.toUri().toURL()}, Compiled.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class path of a JVM that runs generated code: cffi4j's jar and what it needs. */
    static String runtimeClassPath() {
        return classPath();
    }

    // What the test runs with, module path and class path: the generated code sees cffi4j's jar.
    private static String classPath() {
        List<String> parts = new ArrayList<>();
        for (String p : List.of("jdk.module.path", "java.class.path")) {
            String v = System.getProperty(p);
            if (v != null && !v.isEmpty()) {
                parts.add(v);
            }
        }
        return String.join(java.io.File.pathSeparator, parts);
    }

    /**
     * The static method {@code name} of a generated class with {@code args.length} parameters,
     * called reflectively; what it throws is thrown as it is.
     */
    static Object invoke(Class<?> c, String name, Object... args) throws Throwable {
        for (var m : c.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(null, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no method " + name + " with " + args.length + " parameters in " + c.getName());
    }
}
