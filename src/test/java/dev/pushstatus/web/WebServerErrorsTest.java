package dev.pushstatus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.Test;

/** How the server words its error statuses and tells a client's fault from its own. */
class WebServerErrorsTest {

    @Test
    void eachStatusSaysWhatItIs() {
        assertThat(WebServer.reason(404)).isEqualTo("not found");
        assertThat(WebServer.reason(405)).isEqualTo("method not allowed");
        assertThat(WebServer.reason(408)).isEqualTo("request timeout");
        assertThat(WebServer.reason(413)).isEqualTo("body too large");
        assertThat(WebServer.reason(400)).isEqualTo("bad request");
        assertThat(WebServer.reason(500)).isEqualTo("internal error");
    }

    @Test
    void anAbortedOrTooSlowRequestIsTheClientsFault() {
        assertThat(WebServer.clientFault(new UncheckedIOException(new EofException("reset")))).contains(408);
        assertThat(WebServer.clientFault(new RuntimeException(new TimeoutException("idle")))).contains(408);
        assertThat(WebServer.clientFault(new IOException("broken pipe"))).contains(408);
        assertThat(WebServer.clientFault(new BadMessageException(408, "Request content data rate < 1024"))).contains(408);
        assertThat(WebServer.clientFault(new RuntimeException(new BadMessageException(400, "bad chunk")))).contains(400);
    }

    @Test
    void theBotsOwnFailuresAreNot() {
        assertThat(WebServer.clientFault(new IllegalStateException("bug"))).isEmpty();
        assertThat(WebServer.clientFault(new NullPointerException())).isEmpty();
    }
}
