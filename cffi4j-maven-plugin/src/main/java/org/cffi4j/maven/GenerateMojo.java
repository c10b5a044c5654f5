package org.cffi4j.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.cffi4j.CDefException;
import org.cffi4j.FFIException;
import org.cffi4j.codegen.BindingSpec;
import org.cffi4j.codegen.CdefSource;
import org.cffi4j.codegen.GeneratedBinding;
import org.cffi4j.codegen.Generator;
import org.cffi4j.codegen.Mode;

/**
 * Generates a Java class from cdef files for each configured binding, as {@code bin/cffi4j generate}
 * does, and adds the generated sources and resources (API mode's packed glue library, the cdef for
 * {@code ffi()}) to the build. A binding whose inputs have not changed since the last build is not
 * generated again.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {
    /**
     * The bindings: one {@code <binding>} per generated class, with {@code <className>}, {@code
     * <cdefFiles>}, and optionally {@code <source>} or {@code <sourceFile>} (API mode), {@code
     * <libraries>}, {@code <includeDirs>}, {@code <compilerFlags>}, {@code <mode>} (docs/MAVEN-PLUGIN.md
     * says what each means).
     */
    @Parameter(required = true)
    List<Binding> bindings;

    /** Where the Java sources go; added to the project's compile sources. */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/cffi4j")
    File sourcesDirectory;

    /** Where the resources go; added to the project's resources. */
    @Parameter(defaultValue = "${project.build.directory}/generated-resources/cffi4j")
    File resourcesDirectory;

    /** Skips the goal. */
    @Parameter(property = "cffi4j.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Runs the generator for every binding whose inputs changed. */
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("cffi4j: skipped");
            return;
        }
        for (Binding b : bindings) {
            generate(b);
        }
        project.addCompileSourceRoot(sourcesDirectory.getPath());
        Resource resources = new Resource();
        resources.setDirectory(resourcesDirectory.getPath());
        project.addResource(resources);
    }

    private void generate(Binding b) throws MojoExecutionException, MojoFailureException {
        BindingSpec spec = spec(b);
        Path stamp = project.getBuild() == null
                ? resourcesDirectory.toPath().resolve(".cffi4j-" + b.className)
                : Path.of(project.getBuild().getDirectory(), "cffi4j", b.className + ".inputs");
        String fingerprint;
        try {
            fingerprint = Generator.fingerprint(spec);
            if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(fingerprint) && generatedFileExists(b)) {
                getLog().info("cffi4j: " + b.className + " is up to date");
                return;
            }
            GeneratedBinding generated = Generator.generate(spec);
            Path java = generated.writeTo(sourcesDirectory.toPath(), resourcesDirectory.toPath());
            Files.createDirectories(stamp.getParent());
            Files.writeString(stamp, fingerprint);
            getLog().info("cffi4j: generated " + java + " ("
                    + spec.mode().toString().toLowerCase(Locale.ROOT) + " mode)");
            for (String why : generated.skipped()) {
                getLog().warn("cffi4j: " + b.className + ": not generated: " + why);
            }
        } catch (CDefException e) {
            // as a compiler plugin reports: file:line:col: message, and the build fails
            throw new MojoFailureException(e.getMessage(), e);
        } catch (FFIException e) {
            throw new MojoFailureException("cffi4j: " + b.className + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cffi4j: " + b.className + ": " + e.getMessage(), e);
        }
    }

    private boolean generatedFileExists(Binding b) {
        return Files.isRegularFile(sourcesDirectory.toPath().resolve(b.className.replace('.', '/') + ".java"));
    }

    // The binding's configuration as the generator's spec; a configuration error names the element.
    private BindingSpec spec(Binding b) throws MojoFailureException {
        if (b.className == null || b.className.isBlank()) {
            throw new MojoFailureException("cffi4j: a <binding> needs a <className>");
        }
        if (b.cdefFiles.isEmpty()) {
            throw new MojoFailureException("cffi4j: binding " + b.className + " needs <cdefFiles><cdefFile>");
        }
        String owner = "binding " + b.className;
        List<CdefSource> cdefs = CdefFiles.read(project, owner, b.cdefFiles);
        Optional<String> source =
                b.sourceFile != null ? Optional.of(CdefFiles.text(owner, b.sourceFile)) : Optional.ofNullable(b.source);
        Mode mode = b.mode != null
                ? Mode.valueOf(b.mode.toUpperCase(Locale.ROOT))
                : source.isPresent() ? Mode.API : Mode.ABI;
        if (mode == Mode.API && source.isEmpty()) {
            throw new MojoFailureException(
                    "cffi4j: binding " + b.className + " is in API mode and needs a <source> or <sourceFile>");
        }
        return new BindingSpec(
                b.className,
                cdefs,
                mode,
                b.libraries,
                mode == Mode.API ? source : Optional.empty(),
                b.includeDirs,
                b.compilerFlags);
    }
}
