package org.cffi4j.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed struct views ({@code ffi.view}): each accessor reads and writes its member where the C
 * compiler put it (checked by C code compiled from the test: it fills the struct and prints what it
 * holds), bitfields included; each interface is checked against the members once, with errors that
 * name the member, its C type and the Java type it takes.
 */
class StructViewTest {
    private static final String DECLARATIONS = """
            struct point { int x; int y; };
            enum color { RED, GREEN = 5 };
            struct rec {
                int id;
                double value;
                long count;
                unsigned flags : 3;
                signed level : 5;
                _Bool on : 1;
                struct point at;
                const char *name;
                unsigned char small;
                enum color color;
                int items[4];
                const int fixed;
                long double wide;
            };
            """;

    private static final String SOURCE = DECLARATIONS + """
            #include <stdio.h>
            void fill(struct rec *r) {
                r->id = -7; r->value = 2.5; r->count = 1L << 40;
                r->flags = 6; r->level = -9; r->on = 1;
                r->at.x = 11; r->at.y = -12; r->name = "hello"; r->small = 200; r->color = GREEN;
            }
            void describe(const struct rec *r, char *out, size_t n) {
                snprintf(out, n, "%d %.2f %ld %u %d %d %d %d %s %u %d", r->id, r->value, r->count,
                         r->flags, r->level, r->on, r->at.x, r->at.y, r->name ? r->name : "(null)",
                         r->small, r->color);
            }
            """;

    /** Every kind of member a view reads and writes. */
    public interface Rec {
        int id();

        void id(int v);

        double value();

        void value(double v);

        long count();

        void count(long v);

        int flags();

        void flags(int v);

        int level();

        void level(int v);

        boolean on();

        void on(boolean v);

        Point at();

        MemorySegment name();

        void name(MemorySegment v);

        byte small();

        void small(byte v);

        int color();

        void color(int v);
    }

    /** A nested struct's view. */
    public interface Point {
        int x();

        void x(int v);

        int y();
    }

    public interface WrongTypes {
        long id();

        void value(float v);

        int name();
    }

    public interface Unknown {
        int idd();
    }

    public interface BadShape {
        int id(int a, int b);
    }

    public interface Unsupported {
        int items();

        void at(CData v);

        void fixed(int v);

        double wide();
    }

    public interface NotAnInterfaceView {
        String at();
    }

    @TempDir
    static Path dir;

    private static FFI ffi;
    private static Library lib;

    @BeforeAll
    static void build() throws Exception {
        Path c = dir.resolve("rec.c");
        Files.writeString(c, SOURCE);
        Path so = GccProbe.sharedLibrary("rec", dir, List.of(c));
        ffi = new FFI();
        ffi.cdef(DECLARATIONS + "void fill(struct rec *r); void describe(const struct rec *r, char *out, size_t n);");
        lib = ffi.dlopen(so.toString());
    }

    private static String describe(CData rec) {
        CData out = ffi.alloc("char[200]");
        lib.call("describe", rec, out, 200L);
        return ffi.string(out);
    }

    @Test
    void gettersReadWhatCWrote() {
        CData rec = ffi.alloc("struct rec *");
        lib.call("fill", rec);
        Rec r = ffi.view(Rec.class, rec);
        assertEquals(-7, r.id());
        assertEquals(2.5, r.value());
        assertEquals(1L << 40, r.count());
        assertEquals(6, r.flags());
        assertEquals(-9, r.level());
        assertTrue(r.on());
        assertEquals(11, r.at().x());
        assertEquals(-12, r.at().y());
        assertEquals("hello", r.name().reinterpret(6).getString(0));
        assertEquals((byte) 200, r.small());
        assertEquals(5, r.color());
    }

    @Test
    void settersWriteWhereCReads() {
        CData rec = ffi.alloc("struct rec *");
        CData name = ffi.alloc("char[]", "world");
        Rec r = ffi.view(Rec.class, rec);
        r.id(123);
        r.value(-0.75);
        r.count(-(1L << 35));
        r.flags(7);
        r.level(-16);
        r.on(true);
        r.at().x(-3);
        r.name(name.segment());
        r.small((byte) 255);
        r.color(5);
        assertEquals("123 -0.75 -34359738368 7 -16 1 -3 0 world 255 5", describe(rec));
        r.flags(0);
        r.level(15);
        r.on(false);
        assertEquals("123 -0.75 -34359738368 0 15 0 -3 0 world 255 5", describe(rec));
    }

    @Test
    void aStructCdataAndAPointerToItGiveTheSameView() {
        CData rec = ffi.alloc("struct rec *", Map.of("at", Map.of("x", 4, "y", 9)));
        Point byMember = ffi.view(Point.class, (CData) rec.get("at"));
        Point byPointer = ffi.view(Point.class, ffi.cast("struct point *", ((CData) rec.get("at")).address()));
        assertEquals(4, byMember.x());
        byPointer.x(40);
        assertEquals(40, byMember.x());
        assertEquals(40, rec.get("at.x"));
    }

    @Test
    void theViewIsAHiddenClass() {
        Rec r = ffi.view(Rec.class, ffi.alloc("struct rec *"));
        assertTrue(r.getClass().isHidden());
        assertFalse(java.lang.reflect.Proxy.isProxyClass(r.getClass()));
    }

    @Test
    void aBitfieldWriteIsCheckedAgainstItsWidth() {
        Rec r = ffi.view(Rec.class, ffi.alloc("struct rec *"));
        assertEquals(
                "integer 8 does not fit in bitfield 'flags' of 3 bits (member 'flags' of 'struct rec'): the range is"
                        + " 0..7",
                assertThrows(FFIException.class, () -> r.flags(8)).getMessage());
        assertEquals(
                "integer -17 does not fit in bitfield 'level' of 5 bits (member 'level' of 'struct rec'): the range"
                        + " is -16..15",
                assertThrows(FFIException.class, () -> r.level(-17)).getMessage());
    }

    @Test
    void aViewOfReleasedMemoryIsAnFFIException() {
        CData rec = ffi.alloc("struct rec *");
        Rec r = ffi.view(Rec.class, rec);
        r.id(1);
        ffi.release(rec);
        assertEquals(
                "use of a view of 'struct rec' (Rec) after its memory was released (ffi.release, or its scope was"
                        + " closed)",
                assertThrows(FFIException.class, r::id).getMessage());
        assertEquals(
                "use of a view of 'struct rec' (Rec) after its memory was released (ffi.release, or its scope was"
                        + " closed)",
                assertThrows(FFIException.class, () -> r.id(2)).getMessage());
    }

    @Test
    void everyMethodThatDoesNotFitIsListed() {
        CData rec = ffi.alloc("struct rec *");
        assertEquals(
                "cannot view 'struct rec' through WrongTypes: 3 of its methods do not fit its members:\n"
                        + "  id: member 'id' is 'int', read as int, not long\n"
                        + "  name: member 'name' is 'const char *', read as MemorySegment, not int\n"
                        + "  value: member 'value' is 'double', written as double, not float",
                assertThrows(FFIException.class, () -> ffi.view(WrongTypes.class, rec))
                        .getMessage());
        assertEquals(
                "cannot view 'struct rec' through Unsupported: 4 of its methods do not fit its members:\n"
                        + "  at: member 'at' is 'struct point': set its members through the view its getter returns\n"
                        + "  fixed: member 'fixed' is a const 'int': a const member has no setter\n"
                        + "  items: member 'items' is 'int[4]', an array: read it with CData.get, or through"
                        + " MemorySegment from segment()\n"
                        + "  wide: member 'wide' is 'long double', which no Java primitive holds: read it with"
                        + " CData.get",
                assertThrows(FFIException.class, () -> ffi.view(Unsupported.class, rec))
                        .getMessage());
    }

    @Test
    void oneMethodThatDoesNotFitIsSaidAlone() {
        CData rec = ffi.alloc("struct rec *");
        assertEquals(
                "cannot view 'struct rec' through Unknown.idd: 'struct rec' has no member named 'idd'; did you mean"
                        + " 'id'?",
                assertThrows(FFIException.class, () -> ffi.view(Unknown.class, rec))
                        .getMessage());
        assertEquals(
                "cannot view 'struct rec' through BadShape.id: a view's method is a getter 'T id()' or a setter"
                        + " 'void id(T value)' of member 'id', not 'int id(int, int)'",
                assertThrows(FFIException.class, () -> ffi.view(BadShape.class, rec))
                        .getMessage());
        assertEquals(
                "cannot view 'struct rec' through NotAnInterfaceView.at: member 'at' is 'struct point', read as an"
                        + " interface that views it, not String",
                assertThrows(FFIException.class, () -> ffi.view(NotAnInterfaceView.class, rec))
                        .getMessage());
    }

    @Test
    void whatCannotBeViewedIsSaid() {
        assertEquals(
                "view(Point) needs a cdata of a struct or union, or a pointer to one, not 'int *'",
                assertThrows(FFIException.class, () -> ffi.view(Point.class, ffi.alloc("int *")))
                        .getMessage());
        assertEquals(
                "NULL pointer dereference viewing 'struct point *' through Point",
                assertThrows(FFIException.class, () -> ffi.view(Point.class, ffi.cast("struct point *", 0L)))
                        .getMessage());
        assertEquals(
                "view needs an interface of accessors, not java.lang.String",
                assertThrows(FFIException.class, () -> ffi.view(String.class, ffi.alloc("struct point *")))
                        .getMessage());
        assertEquals(
                "view needs an interface of accessors, not null",
                assertThrows(FFIException.class, () -> ffi.view(null, ffi.alloc("struct point *")))
                        .getMessage());
        assertEquals(
                "view(Point) needs a cdata of a struct or union, or a pointer to one, not null",
                assertThrows(FFIException.class, () -> ffi.view(Point.class, null))
                        .getMessage());
    }
}
