package org.cffi4j.internal.platform;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.PrimitiveType;

/**
 * One platform's C ABI, described once: every platform fact the rest of cffi4j needs (type sizes
 * and alignments, the largest alignment, the record layout rules, the byte order, where libraries
 * are) is read from here. The facts are data, one resource table per platform named after it
 * ({@code x86_64-linux.abi}), so another platform is a new table, not new code.
 *
 * @param name the platform's name, e.g. {@code x86_64-linux}
 * @param os the operating system, which decides how libraries are found and named
 * @param byteOrder the byte order of scalars and of bitfield allocation
 * @param pointerSize the size and alignment of a data or function pointer, in bytes
 * @param biggestAlignment gcc's {@code __BIGGEST_ALIGNMENT__}, in bytes: what {@code aligned}
 *     without an argument means, and the unit gcc's record layout moves its offset by
 * @param mallocAlignment {@code alignof(max_align_t)}, in bytes: what {@code malloc} and {@code
 *     calloc} align every block to
 * @param vectorAlignmentCap the largest alignment gcc gives a vector type, in bytes; 0 if a vector
 *     is aligned to its size however large
 * @param vaList what {@code __builtin_va_list} is
 * @param bitfields how records, and bitfields in them, are laid out
 * @param unnamedBitfieldsAlign whether an unnamed bitfield, zero-width ones too, gives the record
 *     its type's alignment as a named one does (gcc's {@code targetm.align_anon_bitfield}: AAPCS)
 * @param enumsAreInt whether every enum is an {@code int} whatever its values (MSVC: larger values
 *     wrap, {@code packed} is ignored), rather than the smallest type that holds them
 * @param ldconfigArch the architecture as {@code ldconfig -p} tags a library ({@code x86-64}); empty
 *     off Linux
 * @param libraryDirectories where to look for a library the dynamic linker's cache does not list,
 *     in order; empty off Linux
 * @param primitives the primitive types by canonical C name
 */
public record Abi(
        String name,
        Os os,
        ByteOrder byteOrder,
        long pointerSize,
        long biggestAlignment,
        long mallocAlignment,
        long vectorAlignmentCap,
        VaList vaList,
        BitfieldRules bitfields,
        boolean unnamedBitfieldsAlign,
        boolean enumsAreInt,
        String ldconfigArch,
        List<String> libraryDirectories,
        Map<String, PrimitiveType> primitives) {

    /** The platforms there is a table of, in the order the documentation lists them. */
    public static final List<String> NAMES = List.of(
            "x86_64-linux",
            "aarch64-linux",
            "i386-linux",
            "armhf-linux",
            "riscv64-linux",
            "ppc64le-linux",
            "s390x-linux",
            "x86_64-macos",
            "aarch64-macos",
            "x86_64-windows",
            "aarch64-windows");

    private static final String OS_NAME = System.getProperty("os.name", "");
    private static final String OS_ARCH = System.getProperty("os.arch", "");
    private static final Map<String, Abi> LOADED = new ConcurrentHashMap<>();

    /** The operating systems cffi4j knows how to load libraries on. */
    public enum Os {
        /** Linux with glibc: {@code libNAME.so}, the dynamic linker's cache. */
        LINUX,
        /** macOS: {@code libNAME.dylib}, libSystem. */
        MACOS,
        /** Windows: {@code NAME.dll}, the C runtime's DLL. */
        WINDOWS
    }

    /** What a platform's {@code __builtin_va_list} is. */
    public enum VaList {
        /** x86-64 System V: {@code struct __va_list_tag[1]} (two unsigned ints, two pointers). */
        X86_64,
        /** AAPCS64: {@code struct __va_list} (three pointers, two ints). */
        AARCH64,
        /** AAPCS: {@code struct __va_list { void *__ap; }}. */
        ARM,
        /** s390x: {@code struct __va_list_tag[1]} (two longs, two pointers). */
        S390X,
        /** A plain {@code char *}. */
        POINTER
    }

    /** How a platform lays out records and the bitfields in them. */
    public enum BitfieldRules {
        /**
         * gcc's {@code PCC_BITFIELD_TYPE_MATTERS} (System V, AAPCS, Apple): a bitfield never spans
         * more alignment units of its declared type than the type has, and a named one gives the
         * record its type's alignment.
         */
        PCC,
        /**
         * The PCC rules as clang applies them (Apple): a bitfield whose type is aligned beyond its
         * size (a typedef's {@code aligned(N)}) moves to its next alignment unit only if it would
         * overflow its type's size from there, where gcc always moves it.
         */
        PCC_CLANG,
        /**
         * Microsoft's: consecutive bitfields share a unit only while their declared types have the
         * same size, a unit is never shared with an ordinary member, {@code #pragma pack} above the
         * pointer size is ignored.
         */
        MSVC
    }

    /**
     * The ABI of the platform this JVM runs on.
     *
     * @throws FFIException on a platform cffi4j has no description of
     */
    public static Abi current() {
        return tableFor(OS_NAME, OS_ARCH)
                .map(Abi::named)
                .orElseThrow(() -> new FFIException(unsupported(OS_NAME, OS_ARCH)));
    }

    /** Whether this is the ABI of the platform this JVM runs on. */
    public boolean isCurrent() {
        return tableFor(OS_NAME, OS_ARCH).filter(name::equals).isPresent();
    }

    /**
     * The ABI of a named platform, read from its table the first time.
     *
     * @throws IllegalArgumentException if there is no such table (callers check {@link #NAMES})
     */
    public static Abi named(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no ABI table " + name);
        }
        return LOADED.computeIfAbsent(name, AbiTable::load);
    }

    /** The running platform's name, or its OS and architecture where cffi4j has no table of it. */
    public static String runningPlatform() {
        return tableFor(OS_NAME, OS_ARCH).orElse(OS_NAME + " on " + OS_ARCH);
    }

    /** Why there is no ABI for a platform, said to the user. */
    static String unsupported(String osName, String osArch) {
        return "cffi4j has no description of the C ABI of " + osName + " on " + osArch + ": it lays out C types"
                + " only for " + String.join(", ", NAMES) + ", and a layout guessed for another platform could be"
                + " silently wrong";
    }

    // The one place that looks at the JVM's platform: the table of the JVM's OS and architecture
    // (os.arch as the JDK spells it on each).
    static Optional<String> tableFor(String osName, String osArch) {
        String os;
        if (osName.equals("Linux")) {
            os = "linux";
        } else if (osName.startsWith("Mac OS X") || osName.equals("Darwin")) {
            os = "macos";
        } else if (osName.startsWith("Windows")) {
            os = "windows";
        } else {
            return Optional.empty();
        }
        String arch = switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i486", "i586", "i686" -> "i386";
            case "arm" -> "armhf";
            case "riscv64", "ppc64le", "s390x" -> osArch;
            default -> "";
        };
        String name = arch + "-" + os;
        return NAMES.contains(name) ? Optional.of(name) : Optional.empty();
    }
}
