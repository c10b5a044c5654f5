package org.cffi4j.codegen;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.decl.Declaration;

/**
 * What one binding class holds, decided before anything is emitted: every name, every signature,
 * and the declarations left out with the reason. The emitters are functions of this model.
 *
 * @param spec what was asked for
 * @param functions the functions, in cdef order
 * @param structs the struct and union classes, in cdef order
 * @param structNames the class name of each struct or union that has one
 * @param callbacks the functional interfaces of function pointer typedefs
 * @param constants the integer constants
 * @param globals the global variables
 * @param skipped each declaration left out, with why
 * @param glue API mode's packed glue library
 * @param byteOrder the platform's byte order, which places bitfields
 */
record BindingModel(
        BindingSpec spec,
        List<FunctionModel> functions,
        List<StructModel> structs,
        Map<StructType, String> structNames,
        List<CallbackModel> callbacks,
        List<Declaration.Constant> constants,
        List<GlobalModel> globals,
        List<String> skipped,
        Optional<Glue> glue,
        java.nio.ByteOrder byteOrder) {

    /**
     * A function.
     *
     * @param javaName the method's name
     * @param symbol the symbol to look up (API mode: the wrapper's, when it has one)
     * @param type the C type of what is called
     * @param declaration the C declaration the user wrote, for javadoc and messages
     */
    record FunctionModel(String javaName, String symbol, FunctionType type, String declaration) {}

    /**
     * A struct or union class.
     *
     * @param className the nested class's name
     * @param type the C type
     */
    record StructModel(String className, StructType type) {}

    /**
     * A function pointer typedef.
     *
     * @param name the interface's name (the typedef's)
     * @param type the function type pointed to
     * @param cType the pointer type as C writes it
     */
    record CallbackModel(String name, FunctionType type, String cType) {}

    /**
     * A global variable.
     *
     * @param javaName the accessors' name
     * @param variable the declaration
     * @param addressGetter API mode: the glue function returning its address; null in ABI mode
     * @param valueGetter API mode, a {@code static const} of any type ({@code static const
     *     sqlite3_destructor_type SQLITE_TRANSIENT;}): the glue function copying its value; else null
     */
    record GlobalModel(String javaName, Declaration.Variable variable, String addressGetter, String valueGetter) {}

    /**
     * API mode's glue library.
     *
     * @param fileName its file name in the resources
     * @param contentHash its content hash, checked before it is loaded
     * @param bytes the library
     */
    record Glue(String fileName, String contentHash, byte[] bytes) {}
}
