package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.SourceOptions;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenSSL's libcrypto in API mode: SHA-256 through the EVP digest API, with the context and digest
 * types left opaque ({@code typedef ... EVP_MD_CTX;}), the buffer sized by
 * {@code #define EVP_MAX_MD_SIZE ...}, and {@code EVP_MD_size}, which OpenSSL 3 makes a macro
 * naming another function.
 */
class OpenSslApiTest {
    private static final String CDEF = """
            typedef ... EVP_MD_CTX;
            typedef ... EVP_MD;
            typedef ... ENGINE;
            #define EVP_MAX_MD_SIZE ...
            #define OPENSSL_VERSION_NUMBER ...
            unsigned long OpenSSL_version_num(void);
            EVP_MD_CTX *EVP_MD_CTX_new(void);
            void EVP_MD_CTX_free(EVP_MD_CTX *ctx);
            const EVP_MD *EVP_sha256(void);
            int EVP_MD_size(const EVP_MD *md);
            int EVP_DigestInit_ex(EVP_MD_CTX *ctx, const EVP_MD *type, ENGINE *impl);
            int EVP_DigestUpdate(EVP_MD_CTX *ctx, const void *d, size_t cnt);
            int EVP_DigestFinal_ex(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *s);
            """;

    private static FFI ffi;
    private static Library crypto;

    @BeforeAll
    static void compile() {
        TestCache.install();
        ffi = new FFI();
        ffi.cdef(CDEF);
        ffi.setSource(
                "_openssl_api_test",
                "#include <openssl/evp.h>\n#include <openssl/crypto.h>",
                SourceOptions.libraries("crypto"));
        crypto = ffi.compile();
    }

    @Test
    void sha256OfAKnownString() {
        // FIPS 180-2, appendix B.1.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", sha256("abc".getBytes()));
    }

    @Test
    void sha256AgreesWithJavaInSeveralUpdates() throws NoSuchAlgorithmException {
        byte[] text =
                "The quick brown fox jumps over the lazy dog, ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        assertEquals(expected, sha256(text));
    }

    @Test
    void theConstantsAreTheHeadersValues() {
        assertEquals(64, crypto.get("EVP_MAX_MD_SIZE"));
        String oracle = GccProbe.compileAndRun("#include <stdio.h>\n#include <openssl/opensslv.h>\n"
                        + "int main(void) { printf(\"%ld\\n\", (long) OPENSSL_VERSION_NUMBER); return 0; }")
                .strip();
        assertEquals(Long.parseLong(oracle), ffi.integerConst("OPENSSL_VERSION_NUMBER"));
        // The header's version is the linked library's (same major and minor at least).
        long runtime = (Long) crypto.call("OpenSSL_version_num");
        assertEquals(ffi.integerConst("OPENSSL_VERSION_NUMBER") >>> 20, runtime >>> 20);
    }

    @Test
    void aFunctionThatIsAMacroForAnotherIsCalledThroughItsWrapper() {
        // OpenSSL 3: #define EVP_MD_size EVP_MD_get_size; no symbol EVP_MD_size is exported.
        assertEquals(32, crypto.call("EVP_MD_size", crypto.call("EVP_sha256")));
    }

    private static String sha256(byte[] data) {
        CData ctx = (CData) crypto.call("EVP_MD_CTX_new");
        assertFalse(ctx.isNull());
        try {
            assertEquals(1, crypto.call("EVP_DigestInit_ex", ctx, crypto.call("EVP_sha256"), null));
            int half = data.length / 2;
            assertEquals(1, crypto.call("EVP_DigestUpdate", ctx, ffi.fromBuffer("char[]", data), (long) half));
            assertEquals(
                    1,
                    crypto.call(
                            "EVP_DigestUpdate",
                            ctx,
                            ffi.fromBuffer("char[]", data).plus(half),
                            (long) (data.length - half)));
            int max = (Integer) crypto.get("EVP_MAX_MD_SIZE");
            CData digest = ffi.alloc("unsigned char[]", max);
            CData length = ffi.alloc("unsigned int *");
            assertEquals(1, crypto.call("EVP_DigestFinal_ex", ctx, digest, length));
            int n = ((Number) length.deref()).intValue();
            return HexFormat.of().formatHex((byte[]) ffi.unpack(digest, n));
        } finally {
            crypto.call("EVP_MD_CTX_free", ctx);
        }
    }
}
