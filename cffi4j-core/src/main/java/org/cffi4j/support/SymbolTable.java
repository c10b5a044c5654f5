package org.cffi4j.support;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;
import org.cffi4j.internal.lib.Dl;

/**
 * The symbols a generated binding reaches: the libraries it opened, searched in order, or why they
 * could not be opened. A failure to open is kept, not thrown, so that the generated class always
 * initialises and each call of one of its functions fails with the loader's message instead.
 */
public final class SymbolTable {
    private final String binding;
    private final List<MemorySegment> handles;
    private final String failure;

    SymbolTable(String binding, List<MemorySegment> handles, String failure) {
        this.binding = binding;
        this.handles = List.copyOf(handles);
        this.failure = failure;
    }

    /**
     * The address of a symbol, searched in each library in order.
     *
     * @param symbol the symbol's name
     * @return its address, or empty if no library defines it or the libraries could not be opened
     */
    public Optional<MemorySegment> find(String symbol) {
        for (MemorySegment h : handles) {
            MemorySegment address = Dl.symbol(h, symbol);
            if (!address.equals(MemorySegment.NULL)) {
                return Optional.of(address);
            }
        }
        return Optional.empty();
    }

    /** Why a symbol cannot be found, for the message of a call that fails. */
    String whyMissing(String symbol) {
        return failure != null ? failure : "no library of " + binding + " defines the symbol '" + symbol + "'";
    }
}
