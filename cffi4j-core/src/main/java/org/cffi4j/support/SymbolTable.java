package org.cffi4j.support;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.List;
import java.util.Optional;

/**
 * The symbols a generated binding reaches: the libraries it opened, searched in order, or why they
 * could not be opened. A failure to open is kept, not thrown, so that the generated class always
 * initialises and each call of one of its functions fails with the loader's message instead.
 */
public final class SymbolTable {
    private final String binding;
    private final List<SymbolLookup> libraries;
    private final String failure;

    SymbolTable(String binding, List<SymbolLookup> libraries, String failure) {
        this.binding = binding;
        this.libraries = List.copyOf(libraries);
        this.failure = failure;
    }

    /**
     * The address of a symbol, searched in each library in order.
     *
     * @param symbol the symbol's name
     * @return its address, or empty if no library defines it or the libraries could not be opened
     */
    public Optional<MemorySegment> find(String symbol) {
        for (SymbolLookup library : libraries) {
            Optional<MemorySegment> address = library.find(symbol);
            if (address.isPresent()) {
                return address;
            }
        }
        return Optional.empty();
    }

    /** Why a symbol cannot be found, for the message of a call that fails. */
    String whyMissing(String symbol) {
        return failure != null ? failure : "no library of " + binding + " defines the symbol '" + symbol + "'";
    }
}
