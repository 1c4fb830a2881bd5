package dev.pushstatus.feishu.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.event.Rejection;
import dev.pushstatus.inbound.EventAnswer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AckPayloadsTest {

    private final AckPayloads acks = new AckPayloads();

    private String ack(EventAnswer answer) {
        return new String(acks.payloadFor(answer), StandardCharsets.UTF_8);
    }

    @Test
    void doneAndChallengeAre200() {
        assertThat(ack(new EventAnswer.Done())).isEqualTo("{\"code\":200}");
        assertThat(ack(new EventAnswer.Challenge("c"))).isEqualTo("{\"code\":200}");
        assertThat(AckPayloads.codeFor(new EventAnswer.Done())).isEqualTo(200);
        assertThat(AckPayloads.codeFor(new EventAnswer.Challenge("c"))).isEqualTo(200);
    }

    @Test
    void aCallbackCarriesItsJsonAsBase64OfUtf8() {
        String json = "{\"toast\":{\"type\":\"info\",\"content\":\"已刷新\"}}";

        // Expected values from coreutils: printf %s JSON | base64
        assertThat(ack(new EventAnswer.Callback("{}"))).isEqualTo("{\"code\":200,\"data\":\"e30=\"}");
        assertThat(ack(new EventAnswer.Callback(json))).isEqualTo("{\"code\":200,\"data\":\""
                + "eyJ0b2FzdCI6eyJ0eXBlIjoiaW5mbyIsImNvbnRlbnQiOiLlt7LliLfmlrAifX0=" + "\"}");
        assertThat(AckPayloads.codeFor(new EventAnswer.Callback(json))).isEqualTo(200);
    }

    @Test
    void deliverAgainForAnyReasonAndRejectedAre500() {
        for (EventAnswer.Why why : EventAnswer.Why.values()) {
            assertThat(ack(new EventAnswer.DeliverAgain(why))).isEqualTo("{\"code\":500}");
            assertThat(AckPayloads.codeFor(new EventAnswer.DeliverAgain(why))).isEqualTo(500);
        }
        assertThat(ack(new EventAnswer.Rejected(Rejection.MALFORMED, "not json"))).isEqualTo("{\"code\":500}");
        assertThat(AckPayloads.codeFor(new EventAnswer.Rejected(Rejection.MALFORMED, "x"))).isEqualTo(500);
    }
}
