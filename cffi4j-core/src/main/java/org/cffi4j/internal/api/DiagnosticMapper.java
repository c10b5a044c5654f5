package org.cffi4j.internal.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cffi4j.CompilationException;
import org.cffi4j.internal.decl.Declaration;
import org.cffi4j.internal.decl.DeclarationTable;

/**
 * Maps the C compiler's errors on the generated file back to the cdef: "cdef:3:5: 'compress' is
 * declared 'int compress(char *, long)' in the cdef, but the C source declares it otherwise:" and
 * the compiler's own message under it.
 */
final class DiagnosticMapper {
    private static final Pattern ERROR = Pattern.compile(
            "^" + Pattern.quote(GeneratedNames.GENERATED_FILE) + ":(\\d+):(\\d+): (?:fatal )?error: (.*)$");

    private DiagnosticMapper() {}

    static CompilationException map(String output, GeneratedC gen, DeclarationTable table, String module) {
        List<String> mapped = new ArrayList<>();
        java.util.Set<String> owners = new java.util.HashSet<>();
        for (String line : output.split("\n")) {
            Matcher m = ERROR.matcher(line);
            if (m.matches()) {
                String owner = gen.lineOwners().get(Integer.parseInt(m.group(1)));
                if (owner == null) {
                    mapped.add(line);
                } else if (owners.add(owner)) { // the first error says it; the others follow from it
                    mapped.add(explain(owner, table) + "\n    " + m.group(3));
                }
            } else if (line.contains(": error: ") || line.contains(": fatal error: ")) {
                mapped.add(line); // an error in the user's own C source: already located there
            }
        }
        String summary = mapped.isEmpty() ? output.strip() : String.join("\n", mapped);
        return new CompilationException(
                "API mode: the C compiler rejected module '" + module + "':\n" + summary
                        + "\n(the compiler's full output is in CompilationException.compilerOutput())",
                output);
    }

    private static String explain(String owner, DeclarationTable table) {
        int dot = owner.lastIndexOf('.');
        if (dot > 0 && table.lookup(owner).isEmpty()) { // "struct tag.member" or "typedef_name.member"
            String struct = owner.substring(0, dot);
            String where = table.locationOf(struct);
            return (where == null ? "" : where + ": ") + "member '" + owner.substring(dot + 1) + "' of '" + struct
                    + "' has another type in the cdef than in the C source (fix the cdef's member type):";
        }
        String where = table.locationOf(owner);
        String prefix = where == null ? "" : where + ": ";
        Declaration d = table.lookup(owner).orElse(null);
        if (d instanceof Declaration.Function f) {
            return prefix + "'" + owner + "' is declared '" + f.type().declare(owner)
                    + "' in the cdef, but the C source" + " (its headers) declares it otherwise, or not at all:";
        }
        if (d instanceof Declaration.Constant) {
            return prefix + "the constant '" + owner + "' is not an integer constant the C source defines:";
        }
        if (d instanceof Declaration.Typedef t
                && t.type() instanceof org.cffi4j.ctype.PrimitiveType p
                && p.kind() == org.cffi4j.ctype.PrimitiveType.Kind.UNKNOWN_INTEGER) {
            return prefix + "'" + owner + "' is declared 'typedef int... " + owner + "' (some integer type) in the"
                    + " cdef, but the C source does not make it an integer type:";
        }
        if (d instanceof Declaration.Typedef t) {
            return prefix + "'" + owner + "' is declared 'typedef "
                    + org.cffi4j.ctype.CPrinter.abbreviated(t.type(), owner)
                    + "' in the cdef, but the C source declares it otherwise:";
        }
        if (d instanceof Declaration.Variable v) {
            return prefix + "the global '" + owner + "' ('" + v.type().declare(owner)
                    + "') does not match the C source:";
        }
        return prefix + "'" + owner + "' does not match the C source:";
    }
}
