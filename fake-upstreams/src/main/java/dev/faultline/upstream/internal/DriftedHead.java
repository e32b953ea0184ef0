package dev.faultline.upstream.internal;

import dev.faultline.upstream.drift.JsonMediaType;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

import java.util.Locale;

/**
 * The head of a real dependency's answer that a {@code drift} rule rewrites: whether its body can be
 * drifted at all, and the fields that must change when it is. Only an uncompressed JSON body is
 * drifted: a content-encoded one (gzip, br, ...) passes through unchanged, since decoding and
 * re-encoding it would change more than the contract (the encoding's own bytes, its framing) and the
 * client asked for that encoding; the journal says so.
 */
final class DriftedHead {
    /** Fields that describe the exact bytes of the dependency's body, wrong once it is drifted. */
    private static final String[] DIGESTS = {"Content-MD5", "Digest", "Content-Digest", "Repr-Digest"};

    private DriftedHead() {
    }

    /** Why a body with these fields is left alone, or {@code null} when it is held and drifted. */
    static String skipReason(String contentType, String contentEncoding) {
        if (!JsonMediaType.isJson(contentType)) {
            return "not JSON: " + (contentType == null ? "no Content-Type" : contentType);
        }
        if (contentEncoding != null && !contentEncoding.isBlank()
                && !contentEncoding.trim().toLowerCase(Locale.ROOT).equals("identity")) {
            return "Content-Encoding " + contentEncoding.trim() + ": an encoded body is sent unchanged";
        }
        return null;
    }

    /** Declares the drifted body's own length and drops the fields that described the original bytes. */
    static void fit(HttpFields.Mutable head, int length) {
        head.put(HttpHeader.CONTENT_LENGTH, length);
        for (String digest : DIGESTS) {
            head.remove(digest);
        }
    }
}
