package org.cffi4j.support;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.internal.api.PackedLibraries;
import org.cffi4j.internal.lib.Dl;
import org.cffi4j.internal.lib.LibraryFinder;

/** Opens the libraries of a generated binding. */
public final class BindingLibraries {
    private BindingLibraries() {}

    /**
     * The libraries of an ABI-mode binding, opened as {@code ffi.dlopen} opens them (the C runtime
     * when none is named). The system property {@code <binding class name>.library} replaces them:
     * a path, or several separated by the path separator.
     *
     * @param binding the generated class
     * @param names the libraries given to the generator
     * @return the symbols; if a library cannot be opened, the calls fail saying why
     */
    public static SymbolTable open(Class<?> binding, String... names) {
        String override = System.getProperty(binding.getName() + ".library");
        List<String> libraries =
                override != null ? List.of(override.split(java.io.File.pathSeparator)) : List.of(names);
        List<SymbolLookup> lookups = new ArrayList<>();
        try {
            if (libraries.isEmpty()) {
                lookups.add(Linker.nativeLinker().defaultLookup());
            }
            for (String name : libraries) {
                lookups.add(library(name));
            }
            return new SymbolTable(binding.getName(), lookups, null);
        } catch (FFIException e) {
            return new SymbolTable(
                    binding.getName(),
                    List.of(),
                    binding.getName() + ": " + e.getMessage()
                            + (override != null
                                    ? " (from the system property " + binding.getName() + ".library)"
                                    : ""));
        }
    }

    // A library found as ffi.dlopen finds it, opened through the JDK's own lookup: a class that
    // starts with its first call makes no downcall of its own to open it (cold start). Only if
    // that fails, dlopen says why, with every place the name was looked for.
    private static SymbolLookup library(String name) {
        LibraryFinder.Search search = name.contains("/") ? null : LibraryFinder.find(name);
        try {
            return search == null
                    ? SymbolLookup.libraryLookup(Path.of(name), Arena.global())
                    : SymbolLookup.libraryLookup(search.path(), Arena.global());
        } catch (IllegalArgumentException e) {
            if (search == null) {
                Dl.open(name, FFI.RTLD_NOW);
            } else {
                Dl.open(search.path(), FFI.RTLD_NOW, search::failure);
            }
            throw new FFIException("cannot load library '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * The glue library of an API-mode binding, packed as the resource {@code
     * META-INF/cffi4j/native/<platform>/<file>}, loaded from memory after its content hash is
     * checked: no compiler, no cache directory.
     *
     * @param binding the generated class (its class loader has the resource)
     * @param file the library's file name
     * @param contentHash the content hash the generator recorded
     * @return the symbols of the glue library and of the libraries it links
     */
    public static SymbolTable openPacked(Class<?> binding, String file, String contentHash) {
        String platform = platform();
        String resource = "/META-INF/cffi4j/native/" + platform + "/" + file;
        try (InputStream in = binding.getResourceAsStream(resource)) {
            if (in == null) {
                return new SymbolTable(
                        binding.getName(),
                        List.of(),
                        binding.getName() + " has no glue library for "
                                + platform + " (no resource " + resource
                                + "): it was generated on another platform; generate"
                                + " it on " + platform + " too and pack both libraries in the jar");
            }
            MemorySegment handle = PackedLibraries.load(file, in.readAllBytes(), contentHash);
            return new SymbolTable(
                    binding.getName(),
                    List.of(name -> {
                        MemorySegment address = Dl.symbol(handle, name);
                        return address.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(address);
                    }),
                    null);
        } catch (IOException | FFIException e) {
            return new SymbolTable(binding.getName(), List.of(), binding.getName() + ": " + e.getMessage());
        }
    }

    /**
     * The directory name of this platform's packed libraries: {@code <os>-<arch>}, as the JVM names
     * them ({@code linux-amd64}, {@code linux-aarch64}).
     *
     * @return the platform's name
     */
    public static String platform() {
        String os = System.getProperty("os.name", "unknown").toLowerCase(java.util.Locale.ROOT);
        os = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macos" : os.replace(' ', '_');
        return os + "-" + System.getProperty("os.arch", "unknown");
    }
}
