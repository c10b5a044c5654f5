package org.cffi4j.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Platform;
import org.cffi4j.ctype.PointerType;
import org.junit.jupiter.api.Test;

/**
 * Named platforms: an FFI of another platform lays types out as that platform's C compiler does
 * (the values here are the compilers' own, see the platform tables) and refuses everything that
 * would touch this process's memory or libraries.
 */
class PlatformTest {
    private static final String KNOWN = "x86_64-linux, aarch64-linux, i386-linux, armhf-linux, riscv64-linux,"
            + " ppc64le-linux, s390x-linux, x86_64-macos, aarch64-macos, x86_64-windows, aarch64-windows";

    @Test
    void windowsIsLlp64WithTwoByteWcharT() {
        FFI win = new FFI(Platform.named("x86_64-windows"));
        assertEquals(4, win.sizeof("long"));
        assertEquals(2, win.sizeof("wchar_t"));
        assertFalse(win.typeOf("wchar_t").toString().isEmpty());
        assertEquals(8, win.sizeof("long double"));
        assertEquals(8, win.sizeof("size_t"));
        win.cdef("struct s { char c; long l; unsigned long long u; };");
        assertEquals(16, win.sizeof("struct s"));
        assertEquals(4, win.offsetof("struct s", "l"));
        win.cdef("#define LONG_SIZE sizeof(long)");
        assertEquals(4, win.integerConst("LONG_SIZE"));
    }

    @Test
    void thirtyTwoBitPlatformsHaveFourBytePointersAndSizes() {
        FFI i386 = new FFI(Platform.named("i386-linux"));
        i386.cdef("struct p { char c; void *p; double d; long long ll; };");
        assertEquals(4, i386.sizeof("void *"));
        assertEquals(4, ((PointerType) i386.typeOf("char *")).byteSize());
        assertEquals(4, i386.sizeof("size_t"));
        assertEquals(4, i386.offsetof("struct p", "p"));
        assertEquals(8, i386.offsetof("struct p", "d")); // double is 4-byte aligned in i386 records
        assertEquals(24, i386.sizeof("struct p"));
        assertEquals(12, i386.sizeof("long double"));
        FFI arm = new FFI(Platform.named("armhf-linux"));
        arm.cdef("struct p { char c; void *p; double d; long long ll; };");
        assertEquals(8, arm.offsetof("struct p", "d"));
        assertEquals(24, arm.sizeof("struct p"));
    }

    @Test
    void charSignednessAndLongDoubleFollowThePlatform() {
        assertEquals(0, signedChar("aarch64-linux"));
        assertEquals(0, signedChar("armhf-linux"));
        assertEquals(0, signedChar("ppc64le-linux"));
        assertEquals(0, signedChar("s390x-linux"));
        assertEquals(1, signedChar("aarch64-macos"));
        assertEquals(1, signedChar("x86_64-linux"));
        assertEquals(8, new FFI(Platform.named("aarch64-macos")).sizeof("long double"));
        assertEquals(16, new FFI(Platform.named("x86_64-macos")).sizeof("long double"));
    }

    private static long signedChar(String platform) {
        FFI ffi = new FFI(Platform.named(platform));
        ffi.cdef("#define CHAR_IS_SIGNED ((char) -1 < 0)");
        return ffi.integerConst("CHAR_IS_SIGNED");
    }

    @Test
    void msvcBitfieldsOpenANewUnitWhenTheTypeSizeChanges() {
        String decl = "struct b { char a : 4; int b : 4; char c : 4; };";
        FFI linux = new FFI(Platform.named("x86_64-linux"));
        linux.cdef(decl);
        FFI win = new FFI(Platform.named("x86_64-windows"));
        win.cdef(decl);
        assertEquals(4, linux.sizeof("struct b"));
        assertEquals(12, win.sizeof("struct b"));
    }

    @Test
    void layoutsUseThePlatformsPointerSizeAndByteOrder() {
        FFI i386 = new FFI(Platform.named("i386-linux"));
        i386.cdef("struct p { char c; void *p; double d; long long ll; };");
        java.lang.foreign.MemoryLayout l = i386.layout("struct p");
        assertEquals(24, l.byteSize());
        assertEquals(
                4,
                l.select(java.lang.foreign.MemoryLayout.PathElement.groupElement("p"))
                        .byteSize());
        assertEquals(8, l.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("d")));
        FFI s390x = new FFI(Platform.named("s390x-linux"));
        s390x.cdef("struct q { int i; short s[2]; };");
        java.lang.foreign.MemoryLayout q = s390x.layout("struct q");
        assertEquals(
                java.nio.ByteOrder.BIG_ENDIAN,
                ((java.lang.foreign.ValueLayout) q.select(java.lang.foreign.MemoryLayout.PathElement.groupElement("i")))
                        .order());
        assertEquals(
                java.nio.ByteOrder.BIG_ENDIAN,
                ((java.lang.foreign.ValueLayout) q.select(
                                java.lang.foreign.MemoryLayout.PathElement.groupElement("s"),
                                java.lang.foreign.MemoryLayout.PathElement.sequenceElement()))
                        .order());
        assertEquals(8, q.byteSize());
    }

    @Test
    void namesAndTheRunningPlatform() {
        assertEquals(List.of(KNOWN.split(", ")), Platform.names());
        assertEquals("s390x-linux", Platform.named("s390x-linux").name());
        assertEquals(Platform.named("aarch64-macos"), Platform.named("aarch64-macos"));
        assertTrue(Platform.current().isCurrent());
        assertEquals(Platform.current(), new FFI().platform());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        FFIException e = assertThrows(FFIException.class, () -> Platform.named("x86_64-freebsd"));
        assertEquals("no platform named 'x86_64-freebsd'; the platforms are " + KNOWN, e.getMessage());
        e = assertThrows(FFIException.class, () -> Platform.named(null));
        assertEquals("no platform named null; the platforms are " + KNOWN, e.getMessage());
        e = assertThrows(FFIException.class, () -> new FFI(null));
        assertEquals(
                "new FFI(platform) needs a Platform (Platform.current() or Platform.named), not null", e.getMessage());
    }

    @Test
    void aForeignFfiRefusesToLoadCallOrAllocate() {
        Platform other =
                Platform.named(Platform.current().name().equals("s390x-linux") ? "x86_64-windows" : "s390x-linux");
        FFI ffi = new FFI(other);
        ffi.cdef("int abs(int); typedef int (*cb_t)(int);");
        refused(ffi, "ffi.dlopen", f -> f.dlopen(null));
        refused(ffi, "ffi.dlopen", f -> f.dlopen("c"));
        refused(ffi, "ffi.alloc", f -> f.alloc("int"));
        refused(ffi, "ffi.alloc", f -> f.alloc("int[]", 3));
        refused(ffi, "ffi.cast", f -> f.cast("int", 1));
        refused(ffi, "ffi.callback", f -> f.callback("cb_t", (java.util.function.IntUnaryOperator) x -> x));
        refused(ffi, "ffi.newHandle", f -> f.newHandle("x"));
        refused(ffi, "ffi.fromBuffer", f -> f.fromBuffer("char[]", new byte[4]));
        refused(ffi, "ffi.newAllocator", f -> f.newAllocator(null, null, false));
        ffi.setSource("m", "");
        refused(ffi, "ffi.compile", FFI::compile);
        FFIException e = assertThrows(FFIException.class, () -> new FFI().include(ffi));
        assertEquals(
                "ffi.include: the other FFI lays out types for " + other + ", this one for " + Platform.current()
                        + "; declarations of two platforms cannot be mixed",
                e.getMessage());
    }

    private static void refused(FFI ffi, String method, Consumer<FFI> call) {
        FFIException e = assertThrows(FFIException.class, () -> call.accept(ffi));
        assertEquals(
                method + ": this FFI lays out types for " + ffi.platform()
                        + ", not for the platform this JVM runs on (" + Platform.current()
                        + "); it answers sizeof, alignof, offsetof and constants, but cannot load libraries, call"
                        + " functions or allocate C data",
                e.getMessage());
    }
}
