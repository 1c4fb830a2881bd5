package dev.pushstatus.feishu.event;

import static dev.pushstatus.feishu.event.TestEvents.accepted;
import static dev.pushstatus.feishu.event.TestEvents.at;
import static dev.pushstatus.feishu.event.TestEvents.cardActionEnvelope;
import static dev.pushstatus.feishu.event.TestEvents.unsigned;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A button value is taken as at most 16 scalar members of at most 256 characters each; a click
 * with no value, or no action at all, arrives with an empty value (which no button of ours has).
 */
class ButtonValueLimitsTest {

    private final EventDecoder decoder = TestEvents.plainDecoder();

    private Map<String, String> valueOf(ObjectNode envelope) {
        return accepted(decoder.decodeEvent(unsigned(envelope.toString())), InboundEvent.CardAction.class).click().value();
    }

    private static ObjectNode withValue(int members) {
        ObjectNode envelope = cardActionEnvelope();
        ObjectNode value = at(envelope, "/event/action").putObject("value");
        for (int i = 1; i <= members; i++) {
            value.put(String.format("k%02d", i), "v" + i);
        }
        return envelope;
    }

    @Test
    void sixteenMembersAreKept() {
        assertThat(valueOf(withValue(16))).hasSize(16).containsEntry("k01", "v1").containsEntry("k16", "v16");
    }

    @Test
    void theSeventeenthMemberIsDropped() {
        assertThat(valueOf(withValue(17))).hasSize(16).containsEntry("k16", "v16").doesNotContainKey("k17");
    }

    @Test
    void aMemberOf256CharactersIsKeptAndOneOf257IsNot() {
        ObjectNode envelope = cardActionEnvelope();
        ObjectNode value = at(envelope, "/event/action").putObject("value");
        value.put("longest", "x".repeat(256));
        value.put("too_long", "y".repeat(257));

        assertThat(valueOf(envelope)).isEqualTo(Map.of("longest", "x".repeat(256)));
    }

    @Test
    void numbersAndBooleansAreKeptAsText() {
        ObjectNode envelope = cardActionEnvelope();
        at(envelope, "/event/action").putObject("value").put("n", 7).put("b", true).put("d", 1.5);

        assertThat(valueOf(envelope)).isEqualTo(Map.of("n", "7", "b", "true", "d", "1.5"));
    }

    @Test
    void anActionWithoutValueHasAnEmptyValue() {
        ObjectNode envelope = cardActionEnvelope();
        at(envelope, "/event/action").remove("value");

        assertThat(valueOf(envelope)).isEmpty();
    }

    @Test
    void aValueOfNullIsEmpty() {
        ObjectNode envelope = cardActionEnvelope();
        at(envelope, "/event/action").putNull("value");

        assertThat(valueOf(envelope)).isEmpty();
    }

    @Test
    void aClickWithoutActionHasAnEmptyValue() {
        ObjectNode envelope = cardActionEnvelope();
        at(envelope, "/event").remove("action");

        assertThat(valueOf(envelope)).isEmpty();
    }
}
