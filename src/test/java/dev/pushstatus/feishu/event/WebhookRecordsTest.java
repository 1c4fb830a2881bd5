package dev.pushstatus.feishu.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The webhook's plain records: headers by any case, and secrets that never print. */
class WebhookRecordsTest {

    @Test
    void headersAreFoundWhateverTheirCase() {
        WebhookRequest request = new WebhookRequest(new byte[0], Map.of("X-Lark-Signature", "abc"));

        assertThat(request.header("x-lark-signature")).isEqualTo("abc");
        assertThat(request.header("X-LARK-SIGNATURE")).isEqualTo("abc");
        assertThat(request.header("X-Lark-Nonce")).isNull();
    }

    @Test
    void aHeaderSentTwiceInDifferentCaseKeepsItsFirstValue() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Lark-Request-Nonce", "first");
        headers.put("x-lark-request-nonce", "second");

        assertThat(new WebhookRequest(new byte[0], headers).header(EventDecoder.H_NONCE)).isEqualTo("first");
    }

    @Test
    void secretsNeverPrint() {
        assertThat(new WebhookSecrets("vt-secret", "ek-secret").toString())
                .isEqualTo("WebhookSecrets[verificationToken=***, encryptKey=***]");
        assertThat(new WebhookSecrets("vt-secret", null).toString())
                .isEqualTo("WebhookSecrets[verificationToken=***, encryptKey=none]");
        assertThat(new WebhookSecrets("vt-secret", "").toString())
                .isEqualTo("WebhookSecrets[verificationToken=***, encryptKey=none]");
    }

    @Test
    void onlyANonEmptyEncryptKeyMeansEncrypted() {
        assertThat(new WebhookSecrets("vt", "ek").encrypted()).isTrue();
        assertThat(new WebhookSecrets("vt", "").encrypted()).isFalse();
        assertThat(new WebhookSecrets("vt", null).encrypted()).isFalse();
    }
}
