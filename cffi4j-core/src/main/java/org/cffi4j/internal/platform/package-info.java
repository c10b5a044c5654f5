/**
 * The platform: {@link org.cffi4j.internal.platform.Abi}, chosen once from the resource table of
 * the JVM's architecture, is where every platform fact comes from.
 */
package org.cffi4j.internal.platform;
