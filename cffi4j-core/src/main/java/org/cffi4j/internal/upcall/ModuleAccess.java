package org.cffi4j.internal.upcall;

import java.lang.reflect.Modifier;

/**
 * What a user's module must declare for cffi4j to call or implement one of its interfaces (a
 * callback's functional interface, a bound interface), said as the exact line to add.
 */
public final class ModuleAccess {
    private ModuleAccess() {}

    /**
     * Why cffi4j cannot use {@code type}, and what to do: e.g. {@code "the package com.example.app
     * of module com.example.app is not exported to org.cffi4j: add 'exports com.example.app to
     * org.cffi4j;' (or 'opens com.example.app to org.cffi4j;') to the module-info.java of
     * com.example.app"}.
     */
    public static String advice(Class<?> type) {
        Module module = type.getModule();
        String pkg = type.getPackageName();
        String name = type.getName();
        if (!module.isNamed()) {
            return "make " + name + " public";
        }
        String where = " to the module-info.java of " + module.getName();
        if (isPublic(type)) {
            return "the package " + pkg + " of module " + module.getName() + " is not exported to org.cffi4j: add"
                    + " 'exports " + pkg + " to org.cffi4j;' (or 'opens " + pkg + " to org.cffi4j;')" + where;
        }
        return name + " is not public and the package " + pkg + " of module " + module.getName() + " is not open"
                + " to org.cffi4j: add 'opens " + pkg + " to org.cffi4j;'" + where + " (or make it public and add"
                + " 'exports " + pkg + " to org.cffi4j;')";
    }

    // The type and every class it is nested in are public.
    private static boolean isPublic(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }
}
