package org.cffi4j.codegen;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cffi4j.CDefException;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.SourceOptions;
import org.cffi4j.internal.api.ApiModule;
import org.cffi4j.internal.api.PackedLibraries;
import org.cffi4j.internal.decl.DeclarationTable;
import org.cffi4j.internal.decl.FfiTables;
import org.cffi4j.support.BindingLibraries;

/**
 * Generates a binding class from a cdef: the one generator behind the command line's {@code
 * generate} and the Maven plugin.
 *
 * <p>It parses the cdef with the parser and type table of {@link FFI}; in API mode it runs the C
 * compiler once, as {@link FFI#compile()} does, and packs the glue library it built. A declaration
 * the generated class cannot serve (a variadic function, a {@code long double}...) is left out and
 * listed in the class's javadoc and in {@link GeneratedBinding#skipped()}.
 */
public final class Generator {
    private Generator() {}

    /**
     * Generates one binding.
     *
     * @param spec what to generate
     * @return the Java source and the resources to pack with it
     * @throws CDefException if a cdef does not parse, at its {@code file:line:col}
     * @throws FFIException if API mode's compiler fails or is missing (the message says which
     *     declaration, or what to install)
     */
    public static GeneratedBinding generate(BindingSpec spec) {
        FFI ffi = new FFI();
        StringBuilder declarations = new StringBuilder();
        for (CdefSource cdef : spec.cdefs()) {
            String marked = cdef.marked(); // errors cite the cdef's own file and lines
            ffi.cdef(marked);
            declarations.append(marked);
        }
        BindingModel model = spec.mode() == Mode.API ? apiModel(spec, ffi) : abiModel(spec, ffi);
        String java = BindingEmitter.emit(model).toString();
        Map<String, byte[]> resources = new LinkedHashMap<>();
        // The cdef, for ffi(): the same declarations at run time, parsed only if ffi() is called.
        resources.put(
                "META-INF/cffi4j/cdef/" + spec.className() + ".cdef",
                declarations.toString().getBytes(StandardCharsets.UTF_8));
        model.glue()
                .ifPresent(g -> resources.put(
                        "META-INF/cffi4j/native/" + BindingLibraries.platform() + "/" + g.fileName(), g.bytes()));
        return new GeneratedBinding(spec.className(), java, resources, model.skipped());
    }

    /**
     * What decides the generated binding, as a hash: the spec (cdef texts and names, mode, libraries,
     * source, flags), the generator's version and, in API mode, the C compiler's identity. A build
     * tool regenerates only when it changes. (Headers the source includes are not read: a changed
     * system header needs a clean build.)
     *
     * @param spec the binding
     * @return a hex SHA-256
     */
    public static String fingerprint(BindingSpec spec) {
        StringBuilder in = new StringBuilder(Generator.class.getPackage().getImplementationVersion() + "\0");
        in.append(spec.className()).append('\0').append(spec.mode()).append('\0');
        for (CdefSource c : spec.cdefs()) {
            in.append(c.name()).append('\0').append(c.text()).append('\0');
        }
        in.append(spec.libraries())
                .append('\0')
                .append(spec.source().orElse(""))
                .append('\0');
        in.append(spec.includeDirs()).append('\0').append(spec.compilerFlags()).append('\0');
        if (spec.mode() == Mode.API) {
            in.append(ApiModule.compilerIdentity());
        }
        return sha256(in.toString());
    }

    /** The hex SHA-256 of {@code text}'s UTF-8 bytes: the fingerprints of bindings and embeddings. */
    static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static BindingModel abiModel(BindingSpec spec, FFI ffi) {
        return ModelBuilder.build(spec, FfiTables.of(ffi), null, Optional.empty());
    }

    private static BindingModel apiModel(BindingSpec spec, FFI ffi) {
        String module = spec.simpleName().toLowerCase(java.util.Locale.ROOT);
        SourceOptions options = SourceOptions.libraries(spec.libraries().toArray(String[]::new))
                .withIncludeDirs(spec.includeDirs().toArray(String[]::new))
                .withExtraCompileArgs(spec.compilerFlags().toArray(String[]::new));
        DeclarationTable work = FfiTables.of(ffi).fork();
        ApiModule m;
        try {
            m = work.within(() -> ApiModule.build(module, spec.source().orElseThrow(), options, work));
            work.commit();
        } catch (RuntimeException e) {
            work.rollback();
            throw e;
        }
        byte[] bytes = PackedLibraries.bytesOf(m);
        String hash = PackedLibraries.contentHash(bytes);
        BindingModel.Glue glue = new BindingModel.Glue("lib" + module + "-" + hash + ".so", hash, bytes);
        return ModelBuilder.build(spec, m.table(), m.functions(), Optional.of(glue));
    }
}
