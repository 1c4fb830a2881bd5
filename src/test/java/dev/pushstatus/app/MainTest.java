package dev.pushstatus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void aWrongVariableStopsStartUpWithOneLineNamingIt() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(Map.of("FEISHU_APP_ID", "cli_a", "FEISHU_APP_SECRET", "SECRET-x"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(text.lines()).singleElement().asString()
                .contains("FEISHU_VERIFICATION_TOKEN").doesNotContain("SECRET").doesNotContain("Exception");
    }
}
