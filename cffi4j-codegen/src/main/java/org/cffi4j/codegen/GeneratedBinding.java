package org.cffi4j.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the generator made of one binding: a Java source file and, in API mode, resources (the
 * packed glue library).
 *
 * @param className the generated class's fully qualified name
 * @param javaSource the Java source of the class
 * @param resources resources to pack with it, by resource path ({@code META-INF/cffi4j/native/...})
 * @param skipped each declaration left out of the class, with why ({@code printf: variadic...})
 */
public record GeneratedBinding(
        String className, String javaSource, Map<String, byte[]> resources, java.util.List<String> skipped) {
    /** Copies the resources and the list. */
    public GeneratedBinding {
        resources = Map.copyOf(resources);
        skipped = java.util.List.copyOf(skipped);
    }

    /**
     * Writes the source under {@code sourcesOut} (in its package's directory) and the resources under
     * {@code resourcesOut}.
     *
     * @param sourcesOut the root of generated sources
     * @param resourcesOut the root of generated resources
     * @return the Java file written
     * @throws UncheckedIOException if a file cannot be written
     */
    public Path writeTo(Path sourcesOut, Path resourcesOut) {
        try {
            Path java = sourcesOut.resolve(className.replace('.', '/') + ".java");
            Files.createDirectories(java.getParent());
            Files.writeString(java, javaSource);
            for (var r : resources.entrySet()) {
                Path file = resourcesOut.resolve(r.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, r.getValue());
            }
            return java;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated binding: " + e.getMessage(), e);
        }
    }
}
