package org.cffi4j;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.cffi4j.ctype.CType;
import org.cffi4j.internal.convert.IntegerRange;
import org.cffi4j.internal.memory.Lifetime;

/**
 * CFFI's {@code ffi.new_allocator}: {@link FFI#alloc} through the user's own allocation functions,
 * e.g. an arena or {@code mmap}, made by {@link FFI#newAllocator}. A cdata it allocates behaves as
 * one of {@code ffi.alloc} (bounds, initialisers, {@link FFI#release}, a {@link Scope} through
 * {@link Scope#own}, and the GC), except that its block comes from the alloc function and goes
 * back to the free function, once, when it is released or unreachable.
 *
 * {@snippet :
 * Library libc = ffi.dlopen(null);
 * Allocator raw = ffi.newAllocator(libc.function("malloc"), libc.function("free"), false);
 * CData buffer = raw.alloc("char[]", 1 << 20);   // malloc'ed, not cleared
 * }
 */
public final class Allocator {
    private final FFI ffi;
    private final Object alloc;
    private final Object free;
    private final boolean clear;
    private final Allocations.BlockSource source = this::allocate;

    Allocator(FFI ffi, Object alloc, Object free, boolean clear) {
        this.ffi = ffi;
        this.alloc = checked(alloc, "alloc", "void *(*)(size_t)");
        this.free = checked(free, "free", "void (*)(void *)");
        this.clear = clear;
        if (alloc == null && free != null) {
            throw new FFIException("ffi.newAllocator: a free function needs an alloc function (null alloc means"
                    + " cffi4j's own allocation, which frees its blocks itself)");
        }
    }

    /**
     * {@link FFI#alloc(String)} through this allocator: the block comes from its alloc function.
     *
     * @param ctype a pointer or array type name
     * @return the new cdata, which owns the block
     * @throws CDefException if the type name cannot be parsed
     * @throws FFIException if the type cannot be allocated, or the alloc function returns NULL, a
     *     misaligned address or something other than a pointer, or throws
     */
    public CData alloc(String ctype) {
        return Allocations.alloc(ffi.typeOf(ctype), ctype, null, source);
    }

    /**
     * {@link FFI#alloc(String, Object)} through this allocator.
     *
     * @param ctype a pointer or array type name
     * @param init the initial value, as for {@link FFI#alloc(String, Object)}
     * @return the new cdata, which owns the block
     * @throws CDefException if the type name cannot be parsed
     * @throws FFIException if the type cannot be allocated, the initialiser does not convert, or the
     *     alloc function returns NULL, a misaligned address or something other than a pointer, or throws
     */
    public CData alloc(String ctype, Object init) {
        return Allocations.alloc(ffi.typeOf(ctype), ctype, init, source);
    }

    private CData allocate(CType type, long size, long alignment, String spelled) {
        if (alloc == null) {
            return Allocations.OWN.allocate(type, size, alignment, spelled); // calloc'ed: always clear
        }
        long address = call(alloc, size, "the alloc function", spelled);
        if (address == 0) {
            throw new FFIException(
                    "cannot allocate '" + spelled + "': the alloc function returned NULL for " + size + " bytes");
        }
        MemorySegment block = MemorySegment.ofAddress(address).reinterpret(size);
        Runnable release = () -> {
            if (free != null) {
                call(free, pointer(address), "the free function", spelled);
            }
        };
        if (address % alignment != 0) {
            release.run();
            throw new FFIException("cannot allocate '" + spelled + "': the alloc function returned 0x"
                    + Long.toHexString(address) + ", which is not aligned to " + alignment + " bytes");
        }
        if (clear) {
            block.fill((byte) 0);
        }
        return new CData(type, block, Lifetime.owning(block, release));
    }

    private CData pointer(long address) {
        return ffi.cast("void *", address);
    }

    // Calls a user function (a C function pointer, a library function or a Java function) and
    // returns the address it returned, 0 for a free function.
    @SuppressWarnings("unchecked")
    private static long call(Object function, Object argument, String what, String spelled) {
        Object result;
        try {
            result = switch (function) {
                case CData c -> c.call(argument);
                case CFunction f -> f.invoke(argument);
                case LongFunction<?> f -> f.apply((Long) argument);
                case Consumer<?> c -> {
                    ((Consumer<Object>) c).accept(argument);
                    yield null;
                }
                default -> throw new IllegalStateException("checked at construction");
            };
        } catch (FFIException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FFIException("cannot allocate or free '" + spelled + "': " + what + " threw " + e, e);
        }
        return switch (result) {
            case null -> 0;
            case CData c -> c.longValue();
            case MemorySegment m -> m.address();
            case Long l -> l;
            default ->
                throw new FFIException(
                        "cannot allocate '" + spelled + "': " + what + " returned " + IntegerRange.describe(result)
                                + ", not a pointer (a cdata, a MemorySegment or a Long address)");
        };
    }

    private static Object checked(Object function, String role, String cType) {
        if (function == null
                || function instanceof CData
                || function instanceof CFunction
                || role.equals("alloc") && function instanceof LongFunction<?>
                || role.equals("free") && function instanceof Consumer<?>) {
            return function;
        }
        throw new FFIException("ffi.newAllocator: the " + role + " function must be a '" + cType + "' cdata, a"
                + " library function (lib.function(name)), a "
                + (role.equals("alloc") ? "LongFunction" : "Consumer<CData>")
                + " or null, not " + IntegerRange.describe(function));
    }
}
