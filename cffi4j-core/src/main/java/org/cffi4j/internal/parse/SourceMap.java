package org.cffi4j.internal.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps offsets in cdef source to the locations a user recognises: {@code cdef:line:column}, or,
 * after a line marker ({@code # 42 "/usr/include/stdio.h"}) of {@code gcc -E} output, the original
 * header's file and line.
 */
final class SourceMap {
    private record Marker(int sourceLine, String file, int line) {}

    private final String source;
    private final String fileName;
    private final List<Marker> markers = new ArrayList<>();
    private int[] lineStarts;

    SourceMap(String source, String fileName) {
        this.source = source;
        this.fileName = fileName;
    }

    /** Records that the source line after the one holding {@code markerPos} is {@code file:line}. */
    void addMarker(int markerPos, String file, int line) {
        markers.add(new Marker(sourceLineOf(markerPos) + 1, file, line));
    }

    /** A resolved location. */
    record Location(String file, int line, int column, String sourceLine) {}

    /** The location of an offset. */
    Location locate(int pos) {
        return locate(pos, true);
    }

    /**
     * {@code file:line:column} of an offset, as {@link #locate} gives it but without copying the
     * source line: cheap enough (logarithmic) to note for every declaration.
     */
    String where(int pos) {
        Location l = locate(pos, false);
        return l.file() + ":" + l.line() + ":" + l.column();
    }

    private Location locate(int pos, boolean withText) {
        int p = Math.max(0, Math.min(pos, source.length()));
        int srcLine = sourceLineOf(p);
        int start = lineStarts[srcLine];
        String text = "";
        if (withText) {
            int end = start;
            while (end < source.length() && source.charAt(end) != '\n' && source.charAt(end) != '\r') {
                end++;
            }
            text = source.substring(start, end);
        }
        int column = p - start + 1;
        Marker m = lastMarkerAtOrBefore(srcLine);
        if (m == null) {
            return new Location(fileName, srcLine + 1, column, text);
        }
        long line = (long) m.line + (srcLine - m.sourceLine); // "# 2147483647" then more lines: no wrap-around
        return new Location(m.file, (int) Math.min(line, Integer.MAX_VALUE), column, text);
    }

    // Markers are added in source order, so their lines are sorted: a binary search.
    private Marker lastMarkerAtOrBefore(int srcLine) {
        int lo = 0;
        int hi = markers.size() - 1;
        Marker found = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Marker m = markers.get(mid);
            if (m.sourceLine <= srcLine) {
                found = m;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    // 0-based index of the source line holding pos; line starts are computed once, on demand.
    private int sourceLineOf(int pos) {
        if (lineStarts == null || lineStarts[lineStarts.length - 1] > source.length()) {
            lineStarts = computeLineStarts();
        }
        int i = Arrays.binarySearch(lineStarts, pos);
        return i >= 0 ? i : -i - 2;
    }

    // A line ends at \n, \r or \r\n, as C compilers take them.
    private int[] computeLineStarts() {
        int[] starts = new int[16];
        int n = 1;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == source.length() || source.charAt(i + 1) != '\n')) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }
}
