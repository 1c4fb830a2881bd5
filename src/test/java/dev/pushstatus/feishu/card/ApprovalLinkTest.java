package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only Feishu's and Lark's applink hosts become an "Open approval" button. */
class ApprovalLinkTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://applink.feishu.cn/client/approval?id=1", "http://applink.feishu.cn/*xx",
        "https://applink.larksuite.com/x", "  https://APPLINK.FEISHU.CN/x  "})
    void feishuAndLarkApplinksAreButtons(String link) {
        assertThat(StatusCard.isWebLink(link)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://applink.feishu.cn@evil.example/", "https://evil.example/applink.feishu.cn",
        "https://applink.feishu.cn.evil.example/", "https://applink.feishu.cn:8443/x", "javascript:alert(1)",
        "ftp://applink.feishu.cn/x", "https://user:pw@applink.feishu.cn/x", "//applink.feishu.cn/x",
        "https://open.feishu.cn/x", "not a link", ""})
    void anythingElseIsNot(String link) {
        assertThat(StatusCard.isWebLink(link)).isFalse();
    }
}
