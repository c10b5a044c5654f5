package org.cffi4j.internal.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.PrimitiveType;

/**
 * The platform cffi4j runs on, described once: every platform fact the rest of cffi4j needs (type
 * sizes and alignments, the largest alignment, the bitfield rules, where libraries are) is read
 * from here. The facts are data, one resource table per ABI named after it ({@code
 * x86_64-sysv.abi}), so another platform is a new table, not new code.
 *
 * @param name the ABI's name, e.g. {@code x86_64-sysv}
 * @param pointerSize the size and alignment of a data or function pointer, in bytes
 * @param biggestAlignment gcc's {@code __BIGGEST_ALIGNMENT__}, in bytes: what {@code aligned}
 *     without an argument means, and the unit gcc's record layout moves its offset by
 * @param mallocAlignment {@code alignof(max_align_t)}, in bytes: what {@code malloc} and {@code
 *     calloc} align every block to
 * @param vectorAlignmentCap the largest alignment gcc gives a vector type, in bytes; 0 if a vector
 *     is aligned to its size however large
 * @param bitfields how bitfields are laid out
 * @param ldconfigArch the architecture as {@code ldconfig -p} names it ({@code x86-64})
 * @param libraryDirectories where to look for a library the dynamic linker's cache does not list,
 *     in order
 * @param primitives the primitive types by canonical C name
 */
public record Abi(
        String name,
        long pointerSize,
        long biggestAlignment,
        long mallocAlignment,
        long vectorAlignmentCap,
        BitfieldRules bitfields,
        String ldconfigArch,
        List<String> libraryDirectories,
        Map<String, PrimitiveType> primitives) {

    private static final String OS_NAME = System.getProperty("os.name", "");
    private static final String OS_ARCH = System.getProperty("os.arch", "");
    // null where cffi4j has no table: current() refuses, rather than lay types out as another
    // platform does (Windows' long is 4 bytes, riscv64's long double 16): a silently wrong layout
    private static final Abi CURRENT =
            tableFor(OS_NAME, OS_ARCH).map(AbiTable::load).orElse(null);

    /** How a platform lays out bitfields. */
    public enum BitfieldRules {
        /**
         * gcc's {@code PCC_BITFIELD_TYPE_MATTERS} (x86-64, AArch64): a bitfield never spans more
         * alignment units of its declared type than the type has, and a named one gives the record
         * its type's alignment. The only rules the layout engine implements.
         */
        PCC
    }

    /**
     * The ABI of the platform this JVM runs on, chosen once.
     *
     * @throws FFIException on a platform cffi4j has no description of
     */
    public static Abi current() {
        if (CURRENT == null) {
            throw new FFIException(unsupported(OS_NAME, OS_ARCH));
        }
        return CURRENT;
    }

    /** Why there is no ABI for a platform, said to the user. */
    static String unsupported(String osName, String osArch) {
        return "cffi4j has no description of the C ABI of " + osName + " on " + osArch + ": it lays out C types"
                + " only for Linux on x86-64 and AArch64, and a layout guessed for another platform could be"
                + " silently wrong";
    }

    // The one place that looks at the JVM's platform: the table of the JVM's OS and architecture.
    static Optional<String> tableFor(String osName, String osArch) {
        if (!osName.equals("Linux")) {
            return Optional.empty();
        }
        return switch (osArch) {
            case "amd64", "x86_64" -> Optional.of("x86_64-sysv");
            case "aarch64", "arm64" -> Optional.of("aarch64-aapcs");
            default -> Optional.empty();
        };
    }
}
