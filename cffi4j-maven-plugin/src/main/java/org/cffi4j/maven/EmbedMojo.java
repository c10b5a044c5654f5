package org.cffi4j.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.cffi4j.CDefException;
import org.cffi4j.FFIException;
import org.cffi4j.codegen.Embedder;
import org.cffi4j.codegen.EmbeddingSpec;

/**
 * Builds a C shared library whose functions are the {@code public static} methods of a class of
 * the project, as {@code bin/cffi4j embed} does: {@code libNAME.so} and {@code NAME.h} in the
 * output directory. The JVM the library starts has the project's classes and runtime dependencies
 * on its class path. A library whose inputs have not changed since the last build is not built
 * again.
 */
@Mojo(
        name = "embed",
        defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class EmbedMojo extends AbstractMojo {
    private static final String FINGERPRINT_SUFFIX = ".cffi4j-inputs";

    /**
     * The library: {@code <className>}, {@code <cdefFiles>}, and optionally {@code <libraryName>},
     * {@code <javaHome>}, {@code <source>} or {@code <sourceFile>}, {@code <includeDirs>}, {@code
     * <compilerFlags>}, {@code <classPath>} (docs/MAVEN-PLUGIN.md says what each means).
     */
    @Parameter(required = true)
    Embedding embedding;

    /** Where the library, its header and its C sources go. */
    @Parameter(defaultValue = "${project.build.directory}/embedded")
    File outputDirectory;

    /** Skips the goal. */
    @Parameter(property = "cffi4j.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Builds the library unless its inputs are those of the last build. */
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("cffi4j: skipped");
            return;
        }
        EmbeddingSpec spec = spec(embedding);
        Path out = outputDirectory.toPath();
        Path stamp = out.resolve("." + spec.libraryName() + FINGERPRINT_SUFFIX);
        try {
            String fingerprint = Embedder.fingerprint(spec);
            if (upToDate(spec, out, stamp, fingerprint)) {
                getLog().info("cffi4j: " + out.resolve(spec.libraryFileName()) + " is up to date");
                return;
            }
            Embedder.Output built = Embedder.build(spec, out);
            Files.writeString(stamp, fingerprint);
            built.notes().forEach(n -> getLog().warn("cffi4j: " + n));
            getLog().info("cffi4j: built " + built.library() + " and " + built.header() + " (exports "
                    + String.join(", ", built.functions()) + ")");
        } catch (CDefException e) {
            // as a compiler plugin reports: file:line:col: message, and the build fails
            throw new MojoFailureException(e.getMessage(), e);
        } catch (FFIException e) {
            throw new MojoFailureException("cffi4j: embedding " + spec.className() + ": " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("cffi4j: embedding " + spec.className() + ": " + e.getMessage(), e);
        }
    }

    private static boolean upToDate(EmbeddingSpec spec, Path out, Path stamp, String fingerprint) throws IOException {
        return Files.isRegularFile(stamp)
                && Files.readString(stamp).equals(fingerprint)
                && Files.isRegularFile(out.resolve(spec.libraryFileName()))
                && Files.isRegularFile(out.resolve(spec.headerFileName()));
    }

    // The configuration as the embedder's spec; a configuration error names the element.
    private EmbeddingSpec spec(Embedding e) throws MojoFailureException, MojoExecutionException {
        if (e == null || e.className == null || e.className.isBlank()) {
            throw new MojoFailureException("cffi4j: the embed goal's <embedding> needs a <className>");
        }
        String owner = "embedding " + e.className;
        if (e.cdefFiles.isEmpty()) {
            throw new MojoFailureException("cffi4j: " + owner + " needs <cdefFiles><cdefFile>");
        }
        if (e.source != null && e.sourceFile != null) {
            throw new MojoFailureException("cffi4j: " + owner + ": give <source> or <sourceFile>, not both");
        }
        EmbeddingSpec spec;
        try {
            spec = EmbeddingSpec.of(e.className, CdefFiles.read(project, owner, e.cdefFiles), classPath(e))
                    .withLibraryName(e.libraryName)
                    .withJavaHome(e.javaHome)
                    .withSource(e.sourceFile != null ? CdefFiles.text(owner, e.sourceFile) : e.source)
                    .withCompiler(e.includeDirs, e.compilerFlags);
        } catch (IllegalArgumentException bad) {
            throw new MojoFailureException("cffi4j: " + owner + ": <libraryName>: " + bad.getMessage(), bad);
        }
        return spec;
    }

    // The project's classes and runtime dependencies (cffi4j-core among them), then the extra entries.
    private List<String> classPath(Embedding e) throws MojoExecutionException {
        List<String> entries = new ArrayList<>();
        try {
            entries.addAll(project.getRuntimeClasspathElements());
        } catch (DependencyResolutionRequiredException unresolved) {
            throw new MojoExecutionException("cffi4j: the project's runtime dependencies are not resolved", unresolved);
        }
        entries.addAll(e.classPath);
        return entries;
    }
}
