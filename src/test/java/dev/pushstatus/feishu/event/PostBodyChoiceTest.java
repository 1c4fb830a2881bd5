package dev.pushstatus.feishu.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.FeishuJson;
import org.junit.jupiter.api.Test;

/** A post that is flat is read as it is, even when it also carries a locale-wrapped body; otherwise the first locale body. */
class PostBodyChoiceTest {

    @Test
    void aFlatBodyWinsOverALocaleBody() {
        String post = """
                {"title":"","content":[[{"tag":"text","text":"/ps 1"}]],
                 "zh_cn":{"title":"","content":[[{"tag":"text","text":"/ps 2"}]]}}""";

        assertThat(MessageText.extract("post", post, FeishuJson.newMapper())).contains("/ps 1");
    }

    @Test
    void withoutAFlatBodyTheFirstLocaleBodyIsRead() {
        String post = """
                {"zh_cn":{"title":"","content":[[{"tag":"text","text":"/ps 2"}]]},
                 "en_us":{"title":"","content":[[{"tag":"text","text":"/ps 3"}]]}}""";

        assertThat(MessageText.extract("post", post, FeishuJson.newMapper())).contains("/ps 2");
    }
}
