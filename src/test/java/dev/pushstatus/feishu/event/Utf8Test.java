package dev.pushstatus.feishu.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void asciiDecodesToItself() {
        String json = "{\"encrypt\":\"AbC+/=09\"}";
        assertThat(Utf8.decodeStrict(json.getBytes(StandardCharsets.US_ASCII))).contains(json);
        assertThat(Utf8.decodeStrict(new byte[0])).contains("");
    }

    @Test
    void validUtf8BeyondAsciiDecodes() {
        String text = "{\"text\":\"推送状态 ／push-status 。\"}";
        assertThat(Utf8.decodeStrict(text.getBytes(StandardCharsets.UTF_8))).contains(text);
    }

    @Test
    void malformedUtf8IsRefusedNotRepaired() {
        assertThat(Utf8.decodeStrict(new byte[] {'{', (byte) 0xC3, 0x28, '}'})).isEmpty();
        assertThat(Utf8.decodeStrict(new byte[] {(byte) 0x80})).isEmpty();
        // An encoded surrogate (CESU-8) is not UTF-8.
        assertThat(Utf8.decodeStrict(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isEmpty();
    }
}
