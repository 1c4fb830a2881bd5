package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushstatus.PropertyReports;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.Notification;
import dev.pushstatus.bot.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Whatever Feishu answers, the status card is valid JSON, under the size limit, and pings nobody.
 *
 * <p>A property test with QuickTheories, chosen because it runs as a plain JUnit 5 test through its
 * {@code qt()} DSL, shrinks failures, can be replayed from the seed a failure prints
 * ({@code -DQT_SEED=...}), comes from Maven Central, and the library prints no run-time message
 * asking not to be used.
 */
class CardPropertiesTest {

    private static final List<String> HOSTILE = List.of("<at id=all></at>", "<at id=ou_x></at>", "<AT ID=ALL>",
            "<at email=a@b.c></at>", "[x](https://e.x)", "<font color='red'>", "</font>", "**", "__", "~~", "`",
            "<a href='https://e.x'>", "&lt;at id=all&gt;", "\\", "\n", "\u0000", "\u202e", "🙂", "群", "@all", "\"", "{");

    @Test
    void anyNotificationRendersToAValidCardUnder30KbThatPingsNobody() {
        qt().withExamples(500).forAll(notifications()).checkAssert(n -> {
            String json = CardScenarios.RENDERER.render(new Reply.Status(new LookupResult.Found(n, Instant.EPOCH)));

            JsonNode card = CardJson.parse(json);
            CardStructureTest.assertIsAValidCard(card);
            assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThan(30 * 1024);
            assertThat(json).doesNotContainPattern("(?i)<(at|font|a)[\\s>]");
            assertThat(CardJson.markdownContents(card)).allSatisfy(md -> assertThat(md).doesNotContain("](", "**" + "<"));
            assertThat(card.path("i18n_elements").path("zh_cn").size()).isEqualTo(card.path("i18n_elements").path("en_us").size());
        });
    }

    private static Gen<Notification> notifications() {
        Gen<String> text = untrustedText();
        Gen<String> name = shortUntrustedText();
        Gen<Integer> count = Generate.oneOf(integers().between(-5, 2_000_000),
                nothing(), Generate.constant(0), Generate.constant(Integer.MAX_VALUE));
        Gen<Instant> time = Generate.oneOf(nothing(),
                longs().between(-62_135_596_800_000L, 253_402_300_799_000L).map(Instant::ofEpochMilli));
        Gen<Integer> smallEnum = Generate.oneOf(integers().between(-1, 5), nothing());
        // Names are short here to keep the test fast; 10,000-entry lists have their own test (StatusCardTest).
        Gen<Notification.Person> person = name.zip(name, Notification.Person::new);
        Gen<Notification.Department> department = name.zip(name, Notification.Department::new);
        Gen<Notification.Chat> chat = name.zip(name, Notification.Chat::new);
        Gen<List<Notification.Person>> users = lists().of(person).ofSizeBetween(0, 40);
        Gen<List<Notification.Department>> departments = lists().of(department).ofSizeBetween(0, 40);
        Gen<List<Notification.Chat>> chats = lists().of(chat).ofSizeBetween(0, 40);
        Gen<String> id = strings().betweenCodePoints('0', '9').ofLengthBetween(1, 32);
        Gen<String> link = Generate.oneOf(text, Generate.constant("https://applink.feishu.cn/x?a=<at id=all>"));
        // More fields than zip takes: each drawn in turn from the same source, as zip does.
        Gen<Head> head = in -> new Head(id.generate(in), text.generate(in), smallEnum.generate(in),
                person.generate(in), time.generate(in), person.generate(in), time.generate(in));
        Gen<Counts> counts = in -> new Counts(count.generate(in), count.generate(in), count.generate(in),
                time.generate(in), smallEnum.generate(in), smallEnum.generate(in), smallEnum.generate(in));
        Gen<Lists> lists = in -> new Lists(departments.generate(in), users.generate(in), departments.generate(in),
                chats.generate(in), link.generate(in));
        return head.zip(counts, lists, (h, c, l) -> new Notification(h.id, h.name, h.status, h.creator, h.created,
                h.updater, h.updated, c.target, c.sent, c.read, c.sendAt, c.type, c.scope, c.newStaffScope,
                l.newStaff, l.users, l.departments, l.chats, l.link))
                .describedAs(PropertyReports::describe);
    }

    /** Arbitrary unicode mixed with hostile fragments; sometimes null. */
    private static Gen<String> shortUntrustedText() {
        Gen<String> fragment = Generate.oneOf(anyText(20), Generate.pick(HOSTILE));
        return Generate.oneOf(lists().of(fragment).ofSizeBetween(0, 6).map(parts -> String.join("", parts)), nothing());
    }

    /** As {@link #shortUntrustedText()}, plus long mixes and very long strings. */
    private static Gen<String> untrustedText() {
        Gen<String> fragment = Generate.oneOf(anyText(40), Generate.pick(HOSTILE));
        Gen<String> mixed = lists().of(fragment).ofSizeBetween(0, 60).map(parts -> String.join("", parts));
        return Generate.frequency(
                Pair.of(8, mixed),
                Pair.of(1, strings().basicMultilingualPlaneAlphabet().ofLengthBetween(1_000, 5_000)),
                Pair.of(1, nothing()));
    }

    /** Any characters of the Basic Multilingual Plane, up to maxLength of them. */
    private static Gen<String> anyText(int maxLength) {
        return strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, maxLength);
    }

    /** Always null (a field Feishu left out). */
    private static <T> Gen<T> nothing() {
        return in -> null;
    }

    private record Head(String id, String name, Integer status, Notification.Person creator, Instant created,
                        Notification.Person updater, Instant updated) {}

    private record Counts(Integer target, Integer sent, Integer read, Instant sendAt, Integer type, Integer scope,
                          Integer newStaffScope) {}

    private record Lists(List<Notification.Department> newStaff, List<Notification.Person> users,
                         List<Notification.Department> departments, List<Notification.Chat> chats, String link) {}
}
