package org.cffi4j.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;

/**
 * What an FFI answers through its public API: its type list, each listed type's C name and size,
 * and for given names whether they are integer constants or type names. Two FFIs that hold the
 * same declarations answer the same; a failed cdef must not change the answers.
 */
final class FfiAnswers {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    // typeOf("struct x") declares the tag x as a side effect: only bare names are asked about.
    private static final Set<String> TAG_KEYWORDS = Set.of("struct", "union", "enum");

    private FfiAnswers() {}

    /** The answers about the listed types. */
    static String aboutTypes(FFI ffi) {
        List<String> types = ffi.listTypes();
        StringBuilder sb = new StringBuilder().append(types).append('\n');
        for (String t : types) {
            sb.append(t).append(": ").append(typeAnswer(ffi, t)).append('\n');
        }
        return sb.toString();
    }

    /** The answer about one name: as an integer constant, and as a type name. */
    static String aboutName(FFI ffi, String name) {
        String constant;
        try {
            constant = Long.toString(ffi.integerConst(name));
        } catch (FFIException e) {
            constant = e.getMessage();
        }
        return "const " + constant + "; type " + typeAnswer(ffi, name);
    }

    /** Up to {@code max} distinct identifiers of a source text, in order of appearance. */
    static List<String> identifiers(String source, int max) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(source);
        while (m.find() && names.size() < max) {
            if (!TAG_KEYWORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return new ArrayList<>(names);
    }

    private static String typeAnswer(FFI ffi, String name) {
        CType t;
        try {
            t = ffi.typeOf(name);
        } catch (FFIException e) {
            return e.getMessage();
        }
        try {
            return t + ", size " + t.byteSize();
        } catch (FFIException e) {
            return t + ", no size: " + e.getMessage();
        }
    }
}
