package org.cffi4j.support;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
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
        List<MemorySegment> handles = new ArrayList<>();
        try {
            if (libraries.isEmpty()) {
                handles.add(Dl.open(null, FFI.RTLD_NOW));
            }
            for (String name : libraries) {
                LibraryFinder.Search search = LibraryFinder.find(name);
                handles.add(Dl.open(search.path(), FFI.RTLD_NOW, search::failure));
            }
            return new SymbolTable(binding.getName(), handles, null);
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
            return new SymbolTable(binding.getName(), List.of(handle), null);
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
