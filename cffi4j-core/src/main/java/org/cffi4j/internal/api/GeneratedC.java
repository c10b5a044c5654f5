package org.cffi4j.internal.api;

import java.util.List;
import java.util.Map;
import org.cffi4j.ctype.FunctionType;

/**
 * The C file API mode compiles, with what Java needs to read it back.
 *
 * @param text the C source
 * @param lineOwners for a line of generated C, the cdef name the line checks or wraps
 * @param facts the exported fact arrays
 * @param wrappers the functions that have a C wrapper, with the type the wrapper has
 * @param linkerSymbols the linker symbols of the declared functions and globals
 * @param byPointer the functions whose wrapper passes structs by pointer
 */
record GeneratedC(
        String text,
        Map<Integer, String> lineOwners,
        List<Facts> facts,
        Map<String, FunctionType> wrappers,
        java.util.Set<String> linkerSymbols,
        java.util.Set<String> byPointer) {}
