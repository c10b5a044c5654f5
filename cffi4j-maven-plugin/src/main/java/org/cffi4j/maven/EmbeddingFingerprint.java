package org.cffi4j.maven;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.cffi4j.codegen.CdefSource;
import org.cffi4j.codegen.Embedder;
import org.cffi4j.codegen.EmbeddingSpec;

/**
 * What an embedded library is built from, as one hash: the spec, the embedder's version and the
 * JDK whose {@code jni.h} it compiles with. The implementing class is not in it: the library finds
 * the class when it starts, so a changed class needs no new library.
 */
final class EmbeddingFingerprint {
    private EmbeddingFingerprint() {}

    /** A hex SHA-256 of everything the library is built from. */
    static String of(EmbeddingSpec spec) {
        StringBuilder in = new StringBuilder();
        in.append(Embedder.class.getPackage().getImplementationVersion()).append('\0');
        in.append(System.getProperty("java.home")).append('\0');
        in.append(spec.className()).append('\0').append(spec.libraryName()).append('\0');
        for (CdefSource c : spec.cdefs()) {
            in.append(c.name()).append('\0').append(c.text()).append('\0');
        }
        in.append(spec.classPath()).append('\0');
        in.append(spec.javaHome().orElse("")).append('\0');
        in.append(spec.source().orElse("")).append('\0');
        in.append(spec.includeDirs()).append('\0').append(spec.compilerFlags()).append('\0');
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(in.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
