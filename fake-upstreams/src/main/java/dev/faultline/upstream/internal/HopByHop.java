package dev.faultline.upstream.internal;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The header fields a proxy must not forward (RFC 9110 section 7.6.1): {@code Connection} and every
 * field it names, and the hop-by-hop fields a proxy removes even when {@code Connection} does not name
 * them ({@code Keep-Alive}, {@code Proxy-Connection}, {@code TE}, {@code Transfer-Encoding},
 * {@code Upgrade}, {@code Proxy-Authorization}, {@code Proxy-Authenticate}, {@code Trailer}).
 * {@code Transfer-Encoding} is the sending side's framing: each hop frames the body its own way.
 */
final class HopByHop {
    private static final Set<String> ALWAYS = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "transfer-encoding", "upgrade", "proxy-authorization", "proxy-authenticate", "trailer");

    private HopByHop() {
    }

    /** The lower-case names of the fields this message's {@code Connection} fields name, or an empty set. */
    static Set<String> named(HttpFields fields) {
        Set<String> named = null;
        for (HttpField field : fields) {
            if (field.getHeader() == HttpHeader.CONNECTION || field.is("Connection")) {
                for (String token : field.getValue().split(",")) {
                    String name = token.trim().toLowerCase(Locale.ROOT);
                    if (!name.isEmpty()) {
                        if (named == null) {
                            named = new HashSet<>(4);
                        }
                        named.add(name);
                    }
                }
            }
        }
        return named == null ? Set.of() : named;
    }

    /** True when {@code field} belongs to this hop only, given the names its message's {@code Connection} lists. */
    static boolean is(HttpField field, Set<String> connectionNamed) {
        String name = field.getLowerCaseName();
        return ALWAYS.contains(name) || !connectionNamed.isEmpty() && connectionNamed.contains(name);
    }
}
