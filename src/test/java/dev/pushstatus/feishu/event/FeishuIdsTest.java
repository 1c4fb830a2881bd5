package dev.pushstatus.feishu.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The id shape, checked by hand, against the regular expression it stands for. */
class FeishuIdsTest {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    @Test
    void agreesWithTheShapeOnChosenIds() {
        List<String> ids = List.of("om_0123456789abcdef0123456789abcdef", "oc_x", "a", "-", "_", "A-Z_09",
                "", " ", "om_1 ", "om..", "../x", "om_1\n", "om_é", "om_１", "a".repeat(128), "a".repeat(129),
                "om_\u0000", "om/1", "om%2e");
        for (String id : ids) {
            assertThat(FeishuIds.wellFormed(id)).as("%s", id).isEqualTo(SHAPE.matcher(id).matches());
        }
        assertThat(FeishuIds.wellFormed(null)).isFalse();
        assertThat(FeishuIds.orNull("om..")).isNull();
        assertThat(FeishuIds.orNull("om_1")).isEqualTo("om_1");
    }

    @Test
    void agreesWithTheShapeOnRandomIds() {
        Random random = new Random(18);
        String alphabet = "aZ09_-. /\n\u00e9\uff10:%";
        for (int n = 0; n < 10_000; n++) {
            StringBuilder id = new StringBuilder();
            int length = random.nextInt(5) == 0 ? 120 + random.nextInt(12) : random.nextInt(6);
            for (int i = 0; i < length; i++) {
                id.append(random.nextInt(10) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : 'a');
            }
            assertThat(FeishuIds.wellFormed(id.toString())).as("%s", id).isEqualTo(SHAPE.matcher(id).matches());
        }
    }
}
