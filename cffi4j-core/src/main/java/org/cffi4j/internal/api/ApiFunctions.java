package org.cffi4j.internal.api;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.internal.decl.Declaration;
import org.cffi4j.internal.decl.DeclarationTable;
import org.cffi4j.internal.lib.Dl;

/**
 * How Java calls the functions of a loaded API-mode module: which go through their C wrapper (and
 * the wrapper's symbol and type), which pass structs through the wrapper by pointer, and the
 * address of each function the way C resolved it (NULL when no linked library defines it).
 *
 * @param wrapperSymbols for each function called through its wrapper, the wrapper's symbol
 * @param wrapperTypes for each such function, the wrapper's C type
 * @param byPointer the functions whose wrapper takes or returns structs by pointer
 * @param addresses for each declared function that is not a macro, its address
 */
public record ApiFunctions(
        Map<String, String> wrapperSymbols,
        Map<String, FunctionType> wrapperTypes,
        Set<String> byPointer,
        Map<String, MemorySegment> addresses) {

    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    /** Copies the maps: a library keeps its own. */
    public ApiFunctions {
        wrapperSymbols = Map.copyOf(wrapperSymbols);
        wrapperTypes = Map.copyOf(wrapperTypes);
        byPointer = Set.copyOf(byPointer);
        addresses = Map.copyOf(addresses);
    }

    static ApiFunctions of(
            MemorySegment handle,
            GeneratedC gen,
            FactReader facts,
            DeclarationTable table,
            String module,
            String place) {
        Map<String, MemorySegment> addresses = new HashMap<>();
        Set<String> missing = new HashSet<>();
        for (var a : facts.functionAddresses.entrySet()) {
            if (!facts.macros.getOrDefault(a.getKey(), false)) {
                addresses.put(a.getKey(), MemorySegment.ofAddress(a.getValue()));
                if (a.getValue() == 0) {
                    missing.add(a.getKey());
                }
            }
        }
        reportMissing(place, module, missing);
        Map<String, String> symbols = new HashMap<>();
        Map<String, FunctionType> types = new HashMap<>();
        Set<String> byPointer = new HashSet<>();
        for (var w : gen.wrappers().entrySet()) {
            Declaration.Function f =
                    (Declaration.Function) table.lookup(w.getKey()).orElseThrow();
            if (missing.contains(f.name())) {
                continue; // calling it fails in Java, naming it
            }
            boolean macro = facts.macros.getOrDefault(f.name(), false);
            boolean noSymbol = Dl.symbol(handle, f.symbol()).equals(MemorySegment.NULL);
            boolean pointers = gen.byPointer().contains(f.name());
            if (f.hasBody() || macro || noSymbol || LongDoubles.appearsIn(f.type()) || pointers) {
                symbols.put(f.name(), GeneratedNames.wrapper(f.name()));
                types.put(f.name(), (FunctionType) facts.resolve(w.getValue()));
            }
            if (pointers) {
                byPointer.add(f.name());
            }
        }
        return new ApiFunctions(symbols, types, byPointer, addresses);
    }

    // Once per module and process: real headers declare functions that only some builds define.
    private static void reportMissing(String place, String module, Set<String> missing) {
        if (!missing.isEmpty() && REPORTED.add(place)) {
            List<String> names = new ArrayList<>(missing);
            Collections.sort(names);
            System.err.println("cffi4j: module '" + module + "': " + names.size() + " declared function"
                    + (names.size() == 1 ? " is" : "s are") + " defined by none of its libraries (calling "
                    + (names.size() == 1 ? "it" : "one") + " raises an FFIException): " + String.join(", ", names));
        }
    }
}
