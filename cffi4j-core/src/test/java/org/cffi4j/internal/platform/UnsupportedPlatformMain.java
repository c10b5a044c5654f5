package org.cffi4j.internal.platform;

import org.cffi4j.FFI;
import org.cffi4j.FFIException;

/**
 * Run by {@link UnsupportedPlatformTest} in a JVM told it runs elsewhere ({@code -Dos.arch},
 * {@code -Dos.name}): prints what {@code new FFI()} throws, twice (the second time must say the
 * same, not that a class could not be initialised).
 */
public final class UnsupportedPlatformMain {
    private UnsupportedPlatformMain() {}

    public static void main(String[] args) {
        for (int i = 0; i < 2; i++) {
            try {
                System.out.println("made an FFI, sizeof(long) = " + new FFI().sizeof("long"));
            } catch (FFIException e) {
                System.out.println(e.getMessage());
            }
        }
    }
}
