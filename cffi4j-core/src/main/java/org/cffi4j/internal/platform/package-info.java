/**
 * The platforms: {@link org.cffi4j.internal.platform.Abi}, one resource table per platform
 * ({@code x86_64-linux.abi}...), is where every platform fact comes from. An FFI carries the Abi of
 * its platform to the parser and the layout engine; loading and calls use the running one.
 */
package org.cffi4j.internal.platform;
