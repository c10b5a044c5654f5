package org.cffi4j.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cffi4j.CDefException;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.internal.api.ApiModule;
import org.cffi4j.internal.decl.Declaration;
import org.cffi4j.internal.decl.DeclarationTable;
import org.cffi4j.internal.decl.FfiTables;
import org.cffi4j.internal.embed.EmbeddedFunction;
import org.cffi4j.support.BindingLibraries;

/**
 * Builds an embedded library (CFFI's embedding mode): a C shared library whose functions are the
 * {@code public static} methods of a Java class. The one builder behind the command line's {@code
 * embed} and the Maven plugin's {@code embed} goal.
 *
 * <p>The cdef is parsed and checked as the library's first call will parse it (so a function Java
 * cannot implement fails here), and so is the implementing class when the class path has it; the C is the header C users include, the exported functions and
 * the runtime that starts the JVM; the C compiler links them with {@code libdl} and {@code
 * libpthread}, never with {@code libjvm}, which is found when the library starts.
 */
public final class Embedder {
    private static final String RUNTIME = "cffi4j_embedding";

    private Embedder() {}

    /**
     * The files written by {@link #build}.
     *
     * @param library the shared library
     * @param header the declarations for C users
     * @param functions the names of the exported functions, in the cdef's order
     * @param notes what the build could not check (the implementing class, when the class path
     *     lacks it)
     */
    public record Output(Path library, Path header, List<String> functions, List<String> notes) {}

    /**
     * Writes the header and the library into {@code outDir}; the C sources of the library go into a
     * subdirectory {@code cffi4j-embed-src} beside them, to be read and kept.
     *
     * @param spec the library
     * @param outDir where to write, created if needed
     * @return the files
     * @throws CDefException if the cdef does not parse, at its {@code file:line:col}
     * @throws FFIException if a function cannot be implemented in Java, the implementing class (when
     *     the class path has it) lacks a fitting method, the JDK has no {@code
     *     jni.h}, or the C compiler fails (with its output)
     */
    public static Output build(EmbeddingSpec spec, Path outDir) {
        if (!BindingLibraries.platform().startsWith("linux-")) {
            throw new FFIException("cffi4j embed builds Linux libraries (ELF, dlopen, pthreads); this is "
                    + BindingLibraries.platform());
        }
        FFI ffi = new FFI();
        StringBuilder cdefs = new StringBuilder();
        StringBuilder marked = new StringBuilder();
        for (CdefSource cdef : spec.cdefs()) {
            String m = cdef.marked();
            ffi.cdef(m);
            marked.append(m);
            cdefs.append(cdef.text().strip()).append("\n\n");
        }
        List<EmbeddedFunction> functions = EmbeddedFunction.all(ffi);
        refuseVariables(ffi);
        if (functions.isEmpty()) {
            throw new FFIException("the cdef declares no function: an embedded library exports its cdef's functions");
        }
        List<String> notes = new ArrayList<>();
        ImplementationCheck.of(spec, functions).ifPresent(notes::add);
        Path javaHome = jdkWithJni(spec);
        try {
            Path src = Files.createDirectories(outDir.resolve("cffi4j-embed-src"));
            Path header = outDir.resolve(spec.headerFileName());
            Files.writeString(header, EmbeddingC.header(spec, cdefs.toString()));
            Files.copy(header, src.resolve(spec.headerFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path c = src.resolve(spec.libraryName() + "_functions.c");
            String classPath = String.join(java.io.File.pathSeparator, EmbeddingClassPath.of(spec.classPath()));
            Files.writeString(
                    c,
                    EmbeddingC.functions(
                            spec,
                            functions,
                            marked.toString(),
                            classPath,
                            spec.javaHome().orElse("")));
            Path runtime = copyRuntime(src);
            Path library = outDir.resolve(spec.libraryFileName());
            List<String> args = new ArrayList<>(List.of(
                    "-fvisibility=hidden",
                    "-I" + src.toAbsolutePath(),
                    "-I" + javaHome.resolve("include"),
                    "-I" + javaHome.resolve("include").resolve("linux")));
            spec.includeDirs().forEach(d -> args.add("-I" + Path.of(d).toAbsolutePath()));
            args.addAll(spec.compilerFlags());
            // nodelete: dlclose never unmaps the library, whose slots the JVM's stubs serve and whose
            // destructor detaches the threads it attached, when they end
            args.addAll(List.of("-Wl,-z,nodelete", "-ldl", "-lpthread"));
            ApiModule.compileLibrary(
                    List.of(c.toAbsolutePath(), runtime.toAbsolutePath()), library.toAbsolutePath(), args);
            return new Output(
                    library,
                    header,
                    functions.stream().map(EmbeddedFunction::name).toList(),
                    notes);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the embedded library into " + outDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * What decides the library, as a hash: the spec, the embedder's version, the C compiler's
     * identity and the JDK whose {@code jni.h} it compiles with. A build tool builds again only when
     * it changes. The implementing class is not in it: the library finds the class when it starts.
     *
     * @param spec the library
     * @return a hex SHA-256
     */
    public static String fingerprint(EmbeddingSpec spec) {
        StringBuilder in = new StringBuilder(Embedder.class.getPackage().getImplementationVersion() + "\0");
        in.append(spec).append('\0').append(System.getProperty("java.home")).append('\0');
        in.append(ApiModule.compilerIdentity());
        return Generator.sha256(in.toString());
    }

    // A global variable would be defined, hidden, in the library and again in every C file that
    // includes the header: the library exports functions only.
    private static void refuseVariables(FFI ffi) {
        DeclarationTable table = FfiTables.of(ffi);
        for (Declaration d : table.declarations()) {
            if (d instanceof Declaration.Variable v) {
                String where = table.locationOf(v.name());
                throw new FFIException((where == null ? "" : where + ": ") + "'" + v.describe()
                        + "' is a global variable: an embedded library exports functions only; declare a function"
                        + " that returns it (or its address)");
            }
        }
    }

    // The JDK whose jni.h the library compiles with: --java-home if it has one, else the running one.
    private static Path jdkWithJni(EmbeddingSpec spec) {
        List<Path> homes = new ArrayList<>();
        spec.javaHome().ifPresent(h -> homes.add(Path.of(h)));
        homes.add(Path.of(System.getProperty("java.home")));
        for (Path home : homes) {
            if (Files.isRegularFile(home.resolve("include").resolve("jni.h"))) {
                return home;
            }
        }
        throw new FFIException("no jni.h under "
                + homes.stream().map(h -> h.resolve("include")).toList()
                + ": an embedded library compiles with a JDK's JNI headers; run with a JDK, or give --java-home");
    }

    private static Path copyRuntime(Path dir) throws IOException {
        for (String ext : List.of(".h", ".c")) {
            try (InputStream in = Embedder.class.getResourceAsStream("embed/" + RUNTIME + ext)) {
                if (in == null) {
                    throw new IllegalStateException("the codegen jar lacks embed/" + RUNTIME + ext);
                }
                Files.write(dir.resolve(RUNTIME + ext), in.readAllBytes());
            }
        }
        return dir.resolve(RUNTIME + ".c");
    }
}
