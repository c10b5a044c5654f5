package org.cffi4j.testing;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** The JDK's own zlib, as the oracle that what C compressed really is zlib data. */
public final class JavaZlib {
    private JavaZlib() {}

    /** Inflates a complete zlib stream. */
    public static byte[] inflate(byte[] zlibData) throws DataFormatException {
        Inflater inflater = new Inflater();
        inflater.setInput(zlibData);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!inflater.finished()) {
            int n = inflater.inflate(buf);
            if (n == 0 && inflater.needsInput()) {
                throw new DataFormatException("truncated zlib stream");
            }
            out.write(buf, 0, n);
        }
        inflater.end();
        return out.toByteArray();
    }
}
