package dev.faultline.load;

import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Http10PersistenceTest {
    private static Response response(String... connection) {
        Response.Builder builder = new Response.Builder().request(new Request.Builder().url("http://127.0.0.1/").build())
                .protocol(Protocol.HTTP_1_0).code(200).message("OK");
        for (String value : connection) {
            builder.addHeader("Connection", value);
        }
        return builder.build();
    }

    @Test
    void anHttp10ResponseKeepsItsConnectionOnlyWithTheKeepAliveOption() {
        assertThat(Http10Persistence.keepAlive(response())).isFalse();
        assertThat(Http10Persistence.keepAlive(response("close"))).isFalse();
        assertThat(Http10Persistence.keepAlive(response("Keep-Alive"))).isTrue();
        assertThat(Http10Persistence.keepAlive(response("x-custom, keep-alive"))).isTrue();
        assertThat(Http10Persistence.keepAlive(response("close", "keep-alive"))).isTrue();
    }
}
