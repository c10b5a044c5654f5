/**
 * Message parts written once and used wherever they apply: the "did you mean" suggestion over the
 * names that could be meant, and the refusals of what only API mode can know.
 */
package org.cffi4j.internal.message;
