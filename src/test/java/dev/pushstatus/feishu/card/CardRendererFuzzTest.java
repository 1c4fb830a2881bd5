package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.Notification;
import dev.pushstatus.bot.Reply;
import dev.pushstatus.bot.Shortlist;
import dev.pushstatus.feishu.FeishuJson;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz target for {@link CardRenderer#render} of a status card (Jazzer;
 * docs/fuzzing.md): a {@link Notification} built from fuzzed texts (with hostile fragments mixed
 * in), counts over the whole int range, times over the whole range of epoch milliseconds, lists
 * of any length, approval links near and far from Feishu's applink hosts, a stale marker, and a
 * fuzzed operator label for the status.
 *
 * <p>Invariants (those of CardStructureTest, HostileTextCardTest and CardPropertiesTest): the card
 * is valid JSON and a valid bilingual card JSON 1.0, under 30 KB, with as many elements in either
 * language; no {@code <at} (nor font or link tag) opens anywhere, so nobody can be mentioned but in
 * escaped form; no markdown holds a link; every link button leads to http(s) on
 * applink.feishu.cn or applink.larksuite.com, without user info or port.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CardRendererFuzzTest {

    private static final ObjectMapper MAPPER = FeishuJson.newMapper();
    private static final CardRenderer RENDERER = CardScenarios.RENDERER;
    private static final Set<String> APPLINK_HOSTS = Set.of("applink.feishu.cn", "applink.larksuite.com");
    private static final Pattern OPEN_TAG = Pattern.compile("(?i)<(at|font|a)[\\s>]|<at");
    private static final List<String> HOSTILE = List.of("<at id=all></at>", "<at id=ou_x></at>", "<AT ID=ALL>",
            "<at email=a@b.c></at>", "[x](https://e.x)", "<font color='red'>", "</font>", "<a href='https://e.x'>",
            "**", "__", "~~", "`", "&lt;at id=all&gt;", "&#60;at", "\\", "\n", "\r\n", "\u0000", "\u202e", "\u2028",
            "\u200b", "🙂", "群", "@all", "@_all", "\"", "{", "}", "<", ">", "&", "<\u200bat");
    private static final List<String> LINK_PREFIXES = List.of("https://applink.feishu.cn/", "http://applink.larksuite.com/",
            "HTTPS://APPLINK.FEISHU.CN/", " https://applink.feishu.cn/client/approval?id=", "https://applink.feishu.cn@",
            "https://applink.feishu.cn:8443/", "https://applink.feishu.cn.", "https://user@applink.feishu.cn/",
            "//applink.feishu.cn/", "javascript:", "https://evil.example/", "https://applink.feishu.cn\\@evil.example/",
            "https://applink.feishu.cn%2f@evil.example/", "https://[::1]/", "");

    @FuzzTest
    void statusCard(FuzzedDataProvider data) {
        Draw draw = new Draw(data);
        String digits = Long.toUnsignedString(data.consumeLong());
        String id = digits.substring(0, Math.min(digits.length(), data.consumeInt(1, 20)));
        Notification n = new Notification(id, draw.text(), draw.number(), draw.person(), draw.time(),
                draw.person(), draw.time(), draw.number(), draw.number(), draw.number(), draw.time(),
                draw.smallNumber(), draw.smallNumber(), draw.smallNumber(), draw.list(draw::department),
                draw.list(draw::recipient), draw.list(draw::department), draw.list(draw::chat), draw.link());
        LookupResult.Found found = new LookupResult.Found(n, Instant.ofEpochMilli(data.consumeLong()), draw.failure());
        Integer labelled = n.status();
        CardRenderer renderer = labelled != null && data.consumeBoolean()
                ? new CardRenderer(MAPPER, CardScenarios.SHANGHAI, Map.of(labelled, draw.string(60)), CardScenarios.NOW)
                : RENDERER;

        String json = renderer.render(new Reply.Status(found));

        JsonNode card = CardJson.parse(json);
        CardStructureTest.assertIsAValidCard(card);
        assertThat(json.getBytes(StandardCharsets.UTF_8).length).as("card size").isLessThan(30 * 1024);
        assertThat(card.path("i18n_elements").path("zh_cn").size())
                .isEqualTo(card.path("i18n_elements").path("en_us").size());
        assertThat(OPEN_TAG.matcher(json).find()).as("a tag opens in %s", json).isFalse();
        assertThat(CardJson.markdownContents(card)).isNotEmpty()
                .allSatisfy(md -> assertThat(md).doesNotContain("](", "<at", "<font", "<a "));
        List<String> urls = new ArrayList<>();
        collectUrls(card, urls);
        urls.forEach(CardRendererFuzzTest::assertApplink);
    }

    private static void assertApplink(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new AssertionError("a link button's url is not a URI: " + url, e);
        }
        assertThat(uri.getScheme()).as(url).isNotNull();
        assertThat(uri.getScheme().toLowerCase(Locale.ROOT)).as(url).isIn("https", "http");
        assertThat(uri.getHost()).as(url).isNotNull();
        assertThat(uri.getHost().toLowerCase(Locale.ROOT)).as(url).isIn(APPLINK_HOSTS);
        assertThat(uri.getRawUserInfo()).as(url).isNull();
        assertThat(uri.getPort()).as(url).isEqualTo(-1);
    }

    private static void collectUrls(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().contains("url")) {
                    if (field.getValue().isTextual()) {
                        into.add(field.getValue().asText());
                    } else {
                        field.getValue().forEach(value -> into.add(value.asText()));
                    }
                }
            });
        }
        node.forEach(child -> collectUrls(child, into));
    }

    /** The values of one notification, drawn from the fuzzer's input. */
    private record Draw(FuzzedDataProvider data) {

        /** Untrusted text: null, fuzzed, or fuzzed with hostile fragments around it. */
        String text() {
            return switch (data.consumeInt(0, 3)) {
                case 0 -> null;
                case 1 -> string(300);
                case 2 -> hostile() + string(40) + hostile() + string(40) + hostile();
                default -> string(40).repeat(data.consumeInt(1, 100));
            };
        }

        String string(int maxLength) {
            return data.consumeString(maxLength);
        }

        String hostile() {
            return data.pickValue(HOSTILE);
        }

        Integer number() {
            return switch (data.consumeInt(0, 3)) {
                case 0 -> null;
                case 1 -> data.pickValue(List.of(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 999, 1_000, 1_000_000));
                default -> data.consumeInt();
            };
        }

        Integer smallNumber() {
            return data.consumeBoolean() ? null : data.consumeInt(-2, 5);
        }

        Instant time() {
            return data.consumeBoolean() ? null : Instant.ofEpochMilli(data.consumeLong());
        }

        Notification.Person person() {
            return data.consumeInt(0, 4) == 0 ? null : new Notification.Person(text(), text());
        }

        Notification.Person recipient() {
            return new Notification.Person(text(), text());
        }

        Notification.Department department() {
            return new Notification.Department(text(), text());
        }

        Notification.Chat chat() {
            return new Notification.Chat(text(), text());
        }

        /** A shortlist of up to five entries, and a whole list of any length up to Integer.MAX_VALUE. */
        <T> Shortlist<T> list(Supplier<T> entry) {
            List<T> first = new ArrayList<>();
            for (int i = data.consumeInt(0, Shortlist.KEPT); i > 0; i--) {
                first.add(entry.get());
            }
            int total = first.size() + (data.consumeBoolean() ? 0 : data.consumeInt(0, Integer.MAX_VALUE - first.size()));
            return new Shortlist<>(first, total);
        }

        String link() {
            return switch (data.consumeInt(0, 2)) {
                case 0 -> null;
                case 1 -> string(200);
                default -> data.pickValue(LINK_PREFIXES) + string(120);
            };
        }

        LookupResult.Failure failure() {
            return switch (data.consumeInt(0, 5)) {
                case 0 -> new LookupResult.RateLimited(Duration.ofMillis(data.consumeLong()));
                case 1 -> new LookupResult.Unavailable(String.format("E-%06X", data.consumeInt(0, 0xFFFFFF)),
                        "timeout", data.consumeBoolean());
                case 2 -> new LookupResult.NotFound("1");
                default -> null;
            };
        }
    }
}
