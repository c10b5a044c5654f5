/**
 * The cold start benchmark: one small {@code main} per way of calling C, each doing what a program
 * does on its first call into a library, in a new JVM: declare the library's functions, load the
 * library, call {@code add_ints(20, 22)} once and check that it returns 42 (exit status 1 if not).
 * Each takes the path of the benchmark library (src/main/c/benchlib.c, built by run-coldstart) as
 * its only argument. The run script times each as a whole process.
 *
 * <p>cffi4j and the peers declare the same functions, the five of the call benchmark ({@code noop},
 * {@code add_ints}, {@code add_doubles}, {@code sum_point}, {@code my_strlen}; JNR-FFI has no
 * {@code sum_point}, as it cannot pass a struct by value), each in its own way. Raw FFM, the floor,
 * makes only the one handle it calls.
 */
package org.cffi4j.benchmarks.coldstart;
