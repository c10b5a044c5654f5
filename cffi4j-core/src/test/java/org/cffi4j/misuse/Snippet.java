package org.cffi4j.misuse;

/** The Java code of one misuse case: it must throw. */
@FunctionalInterface
interface Snippet {
    void run(Fixture f) throws Throwable;
}
