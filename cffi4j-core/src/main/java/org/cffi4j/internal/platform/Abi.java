package org.cffi4j.internal.platform;

import java.util.List;
import java.util.Map;
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

    private static final Abi CURRENT = AbiTable.load(forArch(System.getProperty("os.arch", "")));

    /** How a platform lays out bitfields. */
    public enum BitfieldRules {
        /**
         * gcc's {@code PCC_BITFIELD_TYPE_MATTERS} (x86-64, AArch64): a bitfield never spans more
         * alignment units of its declared type than the type has, and a named one gives the record
         * its type's alignment. The only rules the layout engine implements.
         */
        PCC
    }

    /** The ABI of the platform this JVM runs on, chosen once. */
    public static Abi current() {
        return CURRENT;
    }

    // The one place that looks at the JVM's platform. A platform without a table of its own gets
    // x86-64's.
    private static String forArch(String osArch) {
        return switch (osArch) {
            case "aarch64", "arm64" -> "aarch64-aapcs";
            default -> "x86_64-sysv";
        };
    }
}
