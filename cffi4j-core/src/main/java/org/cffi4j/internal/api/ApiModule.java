package org.cffi4j.internal.api;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cffi4j.FFIException;
import org.cffi4j.SourceOptions;
import org.cffi4j.internal.decl.DeclarationTable;

/**
 * API mode: generates the C of a module, compiles it once per distinct input (cached), loads it,
 * completes the declarations with the compiler's facts, and tells which functions go through a C
 * wrapper.
 *
 * @param handle the loaded module
 * @param table the declarations, completed
 * @param functions how Java calls its functions
 * @param compiled whether this run compiled (false: the cache had it)
 * @param library the file the module was loaded from (a sealed in-memory file)
 */
public record ApiModule(
        MemorySegment handle, DeclarationTable table, ApiFunctions functions, boolean compiled, Path library) {

    /** The C that {@link #build} compiles. */
    public static String generate(String module, String source, DeclarationTable table) {
        return CWriter.write(module, source, table).text();
    }

    /** What identifies the C compiler API mode would run (its version banner and target). */
    public static String compilerIdentity() {
        return Toolchain.find().identity();
    }

    /**
     * Compiles C files into a shared library with the compiler API mode runs ({@code $CC}, else
     * {@code cc}), position-independent and optimised; an embedded library's build.
     *
     * @param sources the C files
     * @param out the library to write
     * @param args more arguments: flags, include directories, libraries to link
     * @throws FFIException with the compiler's output if it fails, or naming what to install
     */
    public static void compileLibrary(java.util.List<Path> sources, Path out, java.util.List<String> args) {
        Toolchain.Result r = Toolchain.find().sharedLibrary(sources, out, args);
        if (r.exitCode() != 0) {
            throw new org.cffi4j.FFIException(
                    "the C compiler failed to build " + out.getFileName() + ":\n" + r.output());
        }
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Object> LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Builds (or finds in the cache) and loads a module; {@code table} must be a fork the caller may keep. */
    public static ApiModule build(String module, String source, SourceOptions options, DeclarationTable table) {
        GeneratedC gen = CWriter.write(module, source, table);
        Toolchain cc = Toolchain.find();
        String key = BuildCache.key(
                module, gen.text(), options.toString(), cc.identity(), BuildCache.contents(options.sources()));
        BuildCache cache = new BuildCache(CacheDirectory.open(), module, key);
        MemorySegment handle;
        boolean compiled = false;
        // One build per entry at a time in this process; other processes build beside it.
        synchronized (LOCKS.computeIfAbsent(cache.place(), e -> new Object())) {
            handle = ModuleLoader.reopen(cache.place());
            if (handle == null) {
                handle = fromCache(cache);
            }
            if (handle == null) {
                BuildCache.Candidate built = compile(module, gen, options, table, cc, cache);
                handle = ModuleLoader.load(cache.place(), built.bytes(), built.recordedHash(), built.file());
                compiled = true;
            }
        }
        FactReader facts = new FactReader(handle, table);
        facts.apply(gen.facts());
        return new ApiModule(
                handle,
                table,
                ApiFunctions.of(handle, gen, facts, table, module, cache.place()),
                compiled,
                ModuleLoader.loadedFile(cache.place()));
    }

    // A cached library whose content is what its name records; one that is not is removed.
    private static MemorySegment fromCache(BuildCache cache) {
        for (BuildCache.Candidate c : cache.candidates()) {
            MemorySegment handle = ModuleLoader.load(cache.place(), c.bytes(), c.recordedHash(), c.file());
            if (handle != null) {
                return handle;
            }
            cache.discard(c);
        }
        return null;
    }

    private static BuildCache.Candidate compile(
            String module,
            GeneratedC gen,
            SourceOptions options,
            DeclarationTable table,
            Toolchain cc,
            BuildCache cache) {
        Path work = cache.newWorkDirectory();
        try {
            Path c = work.resolve(cache.entry() + ".c");
            Files.writeString(c, gen.text());
            Path out = work.resolve(cache.entry() + ".so");
            List<Path> objects = new ArrayList<>();
            Toolchain.Result r = cc.compileObjects(c, options, objects);
            if (r.exitCode() == 0) {
                r = cc.link(objects, out, options, List.of());
            }
            if (r.exitCode() != 0) {
                throw DiagnosticMapper.map(r.output(), gen, table, module);
            }
            // Declared functions and globals that no linked library defines get the address NULL,
            // so that the module loads and only their use fails (Java reports it).
            java.util.Set<String> undefined = Toolchain.unresolvedSymbols(r.output());
            undefined.retainAll(gen.linkerSymbols());
            if (!undefined.isEmpty()) {
                r = cc.link(objects, out, options, undefined);
                if (r.exitCode() != 0) {
                    throw DiagnosticMapper.map(r.output(), gen, table, module);
                }
            }
            return cache.publish(out, c);
        } catch (IOException e) {
            throw new FFIException("API mode: cannot write in the cache directory: " + e.getMessage(), e);
        } finally {
            BuildCache.deleteQuietly(work);
        }
    }
}
