package org.cffi4j.ctype;

/**
 * The pointer size of the platform. The other per-platform facts (sizes and alignments of the
 * primitive types, bitfield rules) live with the layout engine; the type model only needs this.
 *
 * @param pointerSize the size and alignment of a data or function pointer, in bytes
 */
public record DataModel(long pointerSize) {
    private static final DataModel CURRENT = new DataModel(is32Bit() ? 4 : 8);

    /** The data model of the running JVM's platform. */
    public static DataModel current() {
        return CURRENT;
    }

    private static boolean is32Bit() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("x86") || arch.equals("i386") || arch.equals("i686") || arch.equals("arm");
    }
}
