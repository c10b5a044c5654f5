package org.cffi4j;

import java.util.List;
import org.cffi4j.internal.platform.Abi;

/**
 * A platform's C ABI: the sizes and alignments of C's types, how records and bitfields are laid
 * out, the byte order. {@link #current()} is the platform this JVM runs on; {@link #named(String)}
 * is any other, so that {@code new FFI(Platform.named("x86_64-windows"))} answers {@code sizeof},
 * {@code offsetof} and the constants as that platform's C compiler would, on any machine.
 *
 * <p>The platforms, by name:
 *
 * <ul>
 *   <li>{@code x86_64-linux}, {@code aarch64-linux}, {@code riscv64-linux}, {@code ppc64le-linux}
 *       and {@code s390x-linux} (big-endian): LP64, gcc's layout rules;
 *   <li>{@code i386-linux} and {@code armhf-linux}: ILP32, gcc's layout rules ({@code double} and
 *       {@code long long} 4-byte aligned in i386 records);
 *   <li>{@code x86_64-macos} and {@code aarch64-macos}: LP64, Apple clang's rules ({@code long
 *       double} is {@code double} on arm64);
 *   <li>{@code x86_64-windows} and {@code aarch64-windows}: LLP64 ({@code long} is 4 bytes, {@code
 *       wchar_t} 2), Microsoft's layout rules as MSVC and {@code clang --target=*-windows-msvc}
 *       apply them.
 * </ul>
 *
 * {@snippet :
 * FFI win = new FFI(Platform.named("x86_64-windows"));
 * win.sizeof("long");      // 4
 * win.sizeof("wchar_t");   // 2
 * }
 */
public final class Platform {
    private final Abi abi;

    private Platform(Abi abi) {
        this.abi = abi;
    }

    /**
     * The platform this JVM runs on.
     *
     * @return the platform
     * @throws FFIException if this JVM's OS and architecture are none of the known platforms (the
     *     message names them): every layout there would be a guess
     */
    public static Platform current() {
        return new Platform(Abi.current());
    }

    /**
     * The platform of this name: one of {@link #names()}.
     *
     * @param name the platform's name, e.g. {@code "aarch64-macos"}
     * @return the platform
     * @throws FFIException if no platform has this name (the message lists the names)
     */
    public static Platform named(String name) {
        if (name == null || !Abi.NAMES.contains(name)) {
            throw new FFIException("no platform named " + (name == null ? "null" : "'" + name + "'")
                    + "; the platforms are " + String.join(", ", Abi.NAMES));
        }
        return new Platform(Abi.named(name));
    }

    /**
     * The names of every platform cffi4j has the C ABI of.
     *
     * @return the names, e.g. {@code x86_64-linux}
     */
    public static List<String> names() {
        return Abi.NAMES;
    }

    /**
     * The platform's name, as {@link #named(String)} takes it.
     *
     * @return the name, e.g. {@code x86_64-windows}
     */
    public String name() {
        return abi.name();
    }

    /**
     * Whether this is the platform this JVM runs on: only there can an FFI load libraries, call
     * functions and allocate C data.
     *
     * @return true on the running platform
     */
    public boolean isCurrent() {
        return abi.isCurrent();
    }

    Abi abi() {
        return abi;
    }

    /**
     * Platforms are equal when they have the same name.
     *
     * @param other another object
     * @return whether it is the same platform
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Platform p && p.abi.name().equals(abi.name());
    }

    @Override
    public int hashCode() {
        return abi.name().hashCode();
    }

    /**
     * The platform's name.
     *
     * @return the name
     */
    @Override
    public String toString() {
        return abi.name();
    }
}
