package org.cffi4j.fuzz;

import java.util.HashMap;
import java.util.Map;
import org.cffi4j.FFI;

/**
 * An FFI that fuzz inputs are given one after the other. It starts from fixed declarations and is
 * rebuilt after every input that succeeds, so that each input meets the same FFI (the run stays
 * reproducible input by input); after an input that fails, it must answer exactly as an untouched
 * twin does.
 */
final class SharedFfi {
    private final String declarations;
    private final FFI pristine;
    private final String pristineTypes;
    private final Map<String, String> pristineNames = new HashMap<>();
    private FFI current;

    SharedFfi(String declarations) {
        this.declarations = declarations;
        this.pristine = build();
        this.pristineTypes = FfiAnswers.aboutTypes(pristine);
        this.current = build();
    }

    /** The FFI to give the next input to. */
    FFI current() {
        return current;
    }

    /** Starts again from the declarations, after an input that succeeded (and so changed the FFI). */
    void reset() {
        current = build();
    }

    /**
     * After a failed cdef of {@code source}: {@code null} if the FFI answers as its twin about its
     * types and about the names the source mentions, else the first difference.
     */
    String rollbackViolation(String source) {
        String types = FfiAnswers.aboutTypes(current);
        if (!types.equals(pristineTypes)) {
            return "the failed cdef changed the declared types:\n  before: " + Abbreviation.quote(pristineTypes, 2000)
                    + "\n  after:  " + Abbreviation.quote(types, 2000);
        }
        for (String name : FfiAnswers.identifiers(source, 12)) {
            String before = pristineNames.computeIfAbsent(name, n -> FfiAnswers.aboutName(pristine, n));
            String after = FfiAnswers.aboutName(current, name);
            if (!after.equals(before)) {
                return "the failed cdef changed what '" + name + "' is:\n  before: " + Abbreviation.quote(before, 500)
                        + "\n  after:  " + Abbreviation.quote(after, 500);
            }
        }
        return null;
    }

    private FFI build() {
        FFI ffi = new FFI();
        ffi.cdef(declarations);
        return ffi;
    }
}
