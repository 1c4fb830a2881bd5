package dev.pushstatus.bench.jmh;

import dev.pushstatus.store.MemoryDedupe;
import com.github.benmanes.caffeine.cache.Ticker;
import com.lark.oapi.core.request.EventReq;
import com.lark.oapi.core.response.EventResp;
import com.lark.oapi.event.EventDispatcher;
import com.lark.oapi.service.im.ImService;
import com.lark.oapi.service.im.v1.model.P2MessageReceiveV1;
import dev.pushstatus.bot.MessageDedupe;
import dev.pushstatus.feishu.FeishuJson;
import dev.pushstatus.feishu.event.DecodeResult;
import dev.pushstatus.feishu.event.EventDecoder;
import dev.pushstatus.feishu.event.InboundEvent;
import dev.pushstatus.feishu.event.WebhookRequest;
import dev.pushstatus.feishu.event.WebhookSecrets;
import dev.pushstatus.feishu.sim.EventFactory;
import dev.pushstatus.feishu.sim.EventSealer;
import dev.pushstatus.feishu.sim.SealedRequest;
import dev.pushstatus.feishu.sim.SimCredentials;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One {@code im.message.receive_v1} event from raw bytes and headers to a claimed message_id:
 * ours (verify, decrypt, parse, dedupe) against the official SDK's {@code EventDispatcher}
 * dispatching the same bytes to a handler that claims the message_id in the same
 * {@link MessageDedupe} (the SDK has no dedupe of its own, so a bot on it must add one).
 *
 * <p>Every call receives the same bytes, so after the first call the claim finds the message
 * seen before (a redelivery); {@link DedupeBenchmark} measures first sightings on their own.
 * Each side starts from the request's header map as the web server hands it over and builds its
 * own request object per call (ours lower-cases names in {@code WebhookRequest}; the SDK wants
 * lower-case names in a multimap, as its servlet adapter builds them).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IngestBenchmark {

    private byte[] encryptedBody;
    private Map<String, String> encryptedHeaders;
    private byte[] plainBody;
    private Map<String, String> plainHeaders;

    private EventDecoder oursEncrypted;
    private EventDecoder oursPlain;
    private EventDispatcher sdkEncrypted;
    private EventDispatcher sdkPlain;
    private MessageDedupe dedupe;
    private Object lastSdkClaim;

    @Setup
    public void setUp() throws Throwable {
        Clock clock = Clock.systemUTC();
        SimCredentials creds = SimCredentials.sandbox(new SecureRandom());
        SimCredentials plainCreds = creds.withoutEncryption();
        EventFactory.Message message = EventFactory.Message.p2p("/push-status 6981801914270744596");

        SealedRequest sealed = new EventSealer(creds, clock)
                .seal(new EventFactory(creds, FeishuJson.newMapper(), clock).message(message));
        encryptedBody = sealed.body();
        encryptedHeaders = serverHeaders(sealed);
        SealedRequest plain = new EventSealer(plainCreds, clock)
                .seal(new EventFactory(plainCreds, FeishuJson.newMapper(), clock).message(message));
        plainBody = plain.body();
        plainHeaders = serverHeaders(plain);

        dedupe = new MemoryDedupe(Duration.ofHours(8), 100_000, Ticker.systemTicker());
        oursEncrypted = new EventDecoder(new WebhookSecrets(creds.verificationToken(), creds.encryptKey()),
                FeishuJson.newMapper(), clock);
        oursPlain = new EventDecoder(new WebhookSecrets(creds.verificationToken(), null), FeishuJson.newMapper(), clock);
        sdkEncrypted = EventDispatcher.newBuilder(creds.verificationToken(), creds.encryptKey())
                .onP2MessageReceiveV1(claimingHandler()).build();
        sdkPlain = EventDispatcher.newBuilder(creds.verificationToken(), "")
                .onP2MessageReceiveV1(claimingHandler()).build();

        // Both sides must accept these bytes, or the comparison means nothing.
        check(ours(oursEncrypted, encryptedBody, encryptedHeaders), "ours, encrypted");
        check(ours(oursPlain, plainBody, plainHeaders), "ours, plain");
        checkSdk(sdk(sdkEncrypted, encryptedBody, encryptedHeaders), "SDK, encrypted");
        checkSdk(sdk(sdkPlain, plainBody, plainHeaders), "SDK, plain");
    }

    @Benchmark
    public Object oursEncrypted() {
        return ours(oursEncrypted, encryptedBody, encryptedHeaders);
    }

    @Benchmark
    public Object sdkEncrypted() throws Throwable {
        return sdk(sdkEncrypted, encryptedBody, encryptedHeaders);
    }

    @Benchmark
    public Object oursPlain() {
        return ours(oursPlain, plainBody, plainHeaders);
    }

    @Benchmark
    public Object sdkPlain() throws Throwable {
        return sdk(sdkPlain, plainBody, plainHeaders);
    }

    private Object ours(EventDecoder decoder, byte[] body, Map<String, String> headers) {
        DecodeResult result = decoder.decodeEvent(new WebhookRequest(body, headers));
        if (result instanceof DecodeResult.Accepted accepted
                && accepted.event() instanceof InboundEvent.MessageReceived received) {
            return dedupe.claim(received.message().messageId());
        }
        return result;
    }

    private Object sdk(EventDispatcher dispatcher, byte[] body, Map<String, String> headers) throws Throwable {
        Map<String, List<String>> multimap = new HashMap<>();
        headers.forEach((name, value) -> multimap.put(name.toLowerCase(Locale.ROOT), List.of(value)));
        EventReq req = new EventReq();
        req.setHttpPath("/webhook/event");
        req.setHeaders(multimap);
        req.setBody(body);
        EventResp resp = dispatcher.handle(req);
        return resp.getStatusCode() == 200 ? lastSdkClaim : resp;
    }

    private ImService.P2MessageReceiveV1Handler claimingHandler() {
        return new ImService.P2MessageReceiveV1Handler() {
            @Override
            public void handle(P2MessageReceiveV1 event) {
                lastSdkClaim = dedupe.claim(event.getEvent().getMessage().getMessageId());
            }
        };
    }

    /** The headers a web server sees on a Feishu delivery: the signature headers and the usual ones. */
    private static Map<String, String> serverHeaders(SealedRequest sealed) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "bot.example.com");
        headers.put("User-Agent", "Go-http-client/1.1");
        headers.put("Content-Length", String.valueOf(sealed.body().length));
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Accept-Encoding", "gzip");
        headers.put("X-Request-Id", "bench-request");
        headers.putAll(sealed.headers());
        return headers;
    }

    private static void check(Object result, String what) {
        if (!(result instanceof MessageDedupe.Claim)) {
            throw new IllegalStateException(what + " did not accept the event: " + result);
        }
    }

    private void checkSdk(Object result, String what) {
        if (!(result instanceof MessageDedupe.Claim)) {
            throw new IllegalStateException(what + " did not accept the event: " + result);
        }
        lastSdkClaim = null;
    }
}
