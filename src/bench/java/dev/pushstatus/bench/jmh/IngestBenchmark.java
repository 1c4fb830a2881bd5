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

    /** Distinct events, as a stream of new messages is: each its own bytes, message_id and signature. */
    static final int STREAM_EVENTS = 1_024;
    private byte[][] streamEncryptedBodies;
    private Map<String, String>[] streamEncryptedHeaders;
    private byte[][] streamPlainBodies;
    private Map<String, String>[] streamPlainHeaders;
    private int streamNext;
    /** Appended to each message_id claimed from the stream: every claim is a first sighting. */
    private String streamSuffix = "";
    /** The stream's dedupe, filled to the bot's bound first, so that every claim also evicts. */
    private MessageDedupe streamDedupe;
    private boolean sdkClaims = true;
    private MessageDedupe sdkDedupe;

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

        setUpStream(creds, plainCreds, clock);
        sdkDedupe = dedupe;

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

    @SuppressWarnings("unchecked")
    private void setUpStream(SimCredentials creds, SimCredentials plainCreds, Clock clock) {
        streamEncryptedBodies = new byte[STREAM_EVENTS][];
        streamEncryptedHeaders = new Map[STREAM_EVENTS];
        streamPlainBodies = new byte[STREAM_EVENTS][];
        streamPlainHeaders = new Map[STREAM_EVENTS];
        EventSealer sealer = new EventSealer(creds, clock);
        EventSealer plainSealer = new EventSealer(plainCreds, clock);
        EventFactory factory = new EventFactory(creds, FeishuJson.newMapper(), clock);
        EventFactory plainFactory = new EventFactory(plainCreds, FeishuJson.newMapper(), clock);
        for (int i = 0; i < STREAM_EVENTS; i++) {
            SealedRequest e = sealer.seal(factory.message(EventFactory.Message.p2p("/push-status 6981801914270744596")));
            streamEncryptedBodies[i] = e.body();
            streamEncryptedHeaders[i] = serverHeaders(e);
            SealedRequest p = plainSealer.seal(plainFactory.message(EventFactory.Message.p2p("/push-status 6981801914270744596")));
            streamPlainBodies[i] = p.body();
            streamPlainHeaders[i] = serverHeaders(p);
        }
        streamDedupe = new MemoryDedupe(Duration.ofHours(8), 100_000, Ticker.systemTicker());
        for (int i = 0; i < 100_000; i++) {
            streamDedupe.claim("om_fill" + i);
        }
    }

    /** The next distinct event of the stream; past the last, the first again with a new message_id suffix. */
    private int nextStream() {
        int i = streamNext++ % STREAM_EVENTS;
        if (i == 0) {
            streamSuffix = "." + (streamNext / STREAM_EVENTS);
        }
        return i;
    }

    /** Ours on the stream of distinct encrypted events: decode, then (with {@code claim}) a first-sight claim. */
    public Object oursEncryptedStream(boolean claim) {
        int i = nextStream();
        return oursStream(oursEncrypted, streamEncryptedBodies[i], streamEncryptedHeaders[i], claim);
    }

    public Object oursPlainStream(boolean claim) {
        int i = nextStream();
        return oursStream(oursPlain, streamPlainBodies[i], streamPlainHeaders[i], claim);
    }

    public Object sdkEncryptedStream(boolean claim) throws Throwable {
        int i = nextStream();
        return sdkStream(sdkEncrypted, streamEncryptedBodies[i], streamEncryptedHeaders[i], claim);
    }

    public Object sdkPlainStream(boolean claim) throws Throwable {
        int i = nextStream();
        return sdkStream(sdkPlain, streamPlainBodies[i], streamPlainHeaders[i], claim);
    }

    private Object oursStream(EventDecoder decoder, byte[] body, Map<String, String> headers, boolean claim) {
        DecodeResult result = decoder.decodeEvent(new WebhookRequest(body, headers));
        if (result instanceof DecodeResult.Accepted accepted
                && accepted.event() instanceof InboundEvent.MessageReceived received) {
            return claim ? streamDedupe.claim(received.message().messageId() + streamSuffix) : received;
        }
        throw new IllegalStateException("ours refused a stream event: " + result);
    }

    private Object sdkStream(EventDispatcher dispatcher, byte[] body, Map<String, String> headers, boolean claim)
            throws Throwable {
        sdkClaims = claim;
        sdkDedupe = streamDedupe;
        try {
            Object r = sdk(dispatcher, body, headers);
            if (r instanceof EventResp) {
                throw new IllegalStateException("the SDK refused a stream event");
            }
            return r;
        } finally {
            sdkClaims = true;
            sdkDedupe = dedupe;
        }
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
                String id = event.getEvent().getMessage().getMessageId();
                lastSdkClaim = !sdkClaims ? id : sdkDedupe == dedupe ? dedupe.claim(id) : sdkDedupe.claim(id + streamSuffix);
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
