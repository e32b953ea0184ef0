package dev.faultline.upstream.drift;

import java.util.Locale;

/** Whether a {@code Content-Type} is JSON: {@code application/json} or any {@code +json} type (RFC 6839). */
public final class JsonMediaType {
    private JsonMediaType() {
    }

    /** True for {@code application/json}, {@code application/problem+json; charset=utf-8}, ...; false for null. */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        if (slash <= 0) {
            return false;
        }
        String subtype = type.substring(slash + 1);
        return type.equals("application/json") || subtype.endsWith("+json");
    }
}
