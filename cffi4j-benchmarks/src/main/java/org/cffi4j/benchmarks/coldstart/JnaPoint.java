package org.cffi4j.benchmarks.coldstart;

import com.sun.jna.Structure;

/** {@code struct point} for JNA's two mappings. */
@Structure.FieldOrder({"x", "y"})
public class JnaPoint extends Structure {
    /** The x coordinate. */
    public int x;

    /** The y coordinate. */
    public int y;

    /** Creates a zero point. */
    public JnaPoint() {}

    /** The same struct, passed by value. */
    public static class ByValue extends JnaPoint implements Structure.ByValue {
        /** Creates a zero point. */
        public ByValue() {}
    }
}
