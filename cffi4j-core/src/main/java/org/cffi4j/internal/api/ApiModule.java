package org.cffi4j.internal.api;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.cffi4j.FFIException;
import org.cffi4j.SourceOptions;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.internal.ffm.Dl;
import org.cffi4j.internal.parse.Declaration;
import org.cffi4j.internal.parse.TypeTable;

/**
 * API mode: generates the C of a module, compiles it once per distinct input (cached), loads it,
 * completes the declarations with the compiler's facts, and tells which functions go through a C
 * wrapper.
 *
 * @param handle the loaded module
 * @param table the declarations, completed
 * @param symbols for each function called through a wrapper, the wrapper's symbol
 * @param types for each such function, the wrapper's C type (long double as double)
 * @param compiled whether this run compiled (false: the cache had it)
 */
public record ApiModule(
        MemorySegment handle,
        TypeTable table,
        Map<String, String> symbols,
        Map<String, FunctionType> types,
        boolean compiled) {

    /** The C that {@link #build} compiles. */
    public static String generate(String module, String source, TypeTable table) {
        return CWriter.write(module, source, table).text();
    }

    /** Builds (or finds in the cache) and loads a module; {@code table} must be a fork the caller may keep. */
    public static ApiModule build(String module, String source, SourceOptions options, TypeTable table) {
        GeneratedC gen = CWriter.write(module, source, table);
        Toolchain cc = Toolchain.find();
        String key = BuildCache.key(
                module, gen.text(), options.toString(), cc.identity(), BuildCache.contents(options.sources()));
        Path dir = BuildCache.directory();
        Path library = dir.resolve(module + "-" + key + ".so");
        boolean compiled = false;
        if (!Files.exists(library)) {
            compile(module, gen, options, table, cc, dir, library, key);
            compiled = true;
        }
        // RTLD_NOW, RTLD_LOCAL: a module's C calls its own extern "Java" stubs and source functions,
        // not the same-named ones of a module loaded before it (RTLD_GLOBAL would interpose those).
        MemorySegment handle = Dl.open(library.toString(), 0x2);
        FactReader facts = new FactReader(handle, table);
        facts.apply(gen.facts());
        Map<String, String> symbols = new HashMap<>();
        Map<String, FunctionType> types = new HashMap<>();
        for (var w : gen.wrappers().entrySet()) {
            Declaration.Function f =
                    (Declaration.Function) table.lookup(w.getKey()).orElseThrow();
            boolean macro = facts.macros.getOrDefault(f.name(), false);
            boolean noSymbol = Dl.symbol(handle, f.symbol()).equals(MemorySegment.NULL);
            if (f.hasBody() || macro || noSymbol || LongDoubles.appearsIn(f.type())) {
                symbols.put(f.name(), "cffi4j_wrap_" + f.name());
                types.put(f.name(), w.getValue());
            }
        }
        return new ApiModule(handle, table, symbols, types, compiled);
    }

    private static void compile(
            String module,
            GeneratedC gen,
            SourceOptions options,
            TypeTable table,
            Toolchain cc,
            Path dir,
            Path library,
            String key) {
        try {
            Path work = Files.createTempDirectory(dir, module + "-");
            Path c = work.resolve(module + "-" + key + ".c");
            Files.writeString(c, gen.text());
            Path out = work.resolve(library.getFileName());
            Toolchain.Result r = cc.compileSharedLibrary(c, out, options);
            if (r.exitCode() != 0) {
                throw DiagnosticMapper.map(r.output(), gen, table, module);
            }
            Files.move(out, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(c, dir.resolve(c.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            deleteQuietly(work);
        } catch (IOException e) {
            throw new FFIException("API mode: cannot write in the cache directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}
