/**
 * Native libraries: finding one by short name, loading and closing it with the dynamic loader
 * ({@code dlopen}), and keeping it mapped while its code or data may be in use.
 */
package org.cffi4j.internal.lib;
