package dev.pushstatus.feishu.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.Notification;
import dev.pushstatus.bot.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever Feishu answers, the status card is valid JSON, under the size limit, and pings nobody. */
class CardPropertiesTest {

    private static final List<String> HOSTILE = List.of("<at id=all></at>", "<at id=ou_x></at>", "<AT ID=ALL>",
            "<at email=a@b.c></at>", "[x](https://e.x)", "<font color='red'>", "</font>", "**", "__", "~~", "`",
            "<a href='https://e.x'>", "&lt;at id=all&gt;", "\\", "\n", "\u0000", "\u202e", "🙂", "群", "@all", "\"", "{");

    @Property(tries = 500)
    void anyNotificationRendersToAValidCardUnder30KbThatPingsNobody(@ForAll("notifications") Notification n) {
        String json = CardScenarios.RENDERER.render(new Reply.Status(new LookupResult.Found(n, Instant.EPOCH)));

        JsonNode card = CardJson.parse(json);
        CardStructureTest.assertIsAValidCard(card);
        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThan(30 * 1024);
        assertThat(json).doesNotContainPattern("(?i)<(at|font|a)[\\s>]");
        assertThat(CardJson.markdownContents(card)).allSatisfy(md -> assertThat(md).doesNotContain("](", "**" + "<"));
        assertThat(card.path("i18n_elements").path("zh_cn").size()).isEqualTo(card.path("i18n_elements").path("en_us").size());
    }

    @Provide
    Arbitrary<Notification> notifications() {
        Arbitrary<String> text = untrustedText();
        Arbitrary<String> name = shortUntrustedText();
        Arbitrary<Integer> count = Arbitraries.oneOf(Arbitraries.integers().between(-5, 2_000_000),
                Arbitraries.just(null), Arbitraries.just(0), Arbitraries.just(Integer.MAX_VALUE));
        Arbitrary<Instant> time = Arbitraries.oneOf(Arbitraries.just(null),
                Arbitraries.longs().between(-62_135_596_800_000L, 253_402_300_799_000L).map(Instant::ofEpochMilli));
        Arbitrary<Integer> smallEnum = Arbitraries.oneOf(Arbitraries.integers().between(-1, 5), Arbitraries.just(null));
        // Names are short here to keep the test fast; 10,000-entry lists have their own test (StatusCardTest).
        Arbitrary<Notification.Person> person = Combinators.combine(name, name).as(Notification.Person::new);
        Arbitrary<Notification.Department> department = Combinators.combine(name, name).as(Notification.Department::new);
        Arbitrary<Notification.Chat> chat = Combinators.combine(name, name).as(Notification.Chat::new);
        Arbitrary<List<Notification.Person>> users = person.list().ofMaxSize(40);
        Arbitrary<List<Notification.Department>> departments = department.list().ofMaxSize(40);
        Arbitrary<List<Notification.Chat>> chats = chat.list().ofMaxSize(40);
        Arbitrary<String> id = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(32);
        Arbitrary<String> link = Arbitraries.oneOf(text, Arbitraries.just("https://applink.feishu.cn/x?a=<at id=all>"));
        return Combinators.combine(
                Combinators.combine(id, text, smallEnum, person, time, person, time).as(Head::new),
                Combinators.combine(count, count, count, time, smallEnum, smallEnum, smallEnum).as(Counts::new),
                Combinators.combine(departments, users, departments, chats, link).as(Lists::new))
                .as((h, c, l) -> new Notification(h.id, h.name, h.status, h.creator, h.created, h.updater, h.updated,
                        c.target, c.sent, c.read, c.sendAt, c.type, c.scope, c.newStaffScope,
                        l.newStaff, l.users, l.departments, l.chats, l.link));
    }

    /** Arbitrary unicode mixed with hostile fragments; sometimes null. */
    private static Arbitrary<String> shortUntrustedText() {
        Arbitrary<String> fragment = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(20), Arbitraries.of(HOSTILE));
        return Arbitraries.oneOf(fragment.list().ofMaxSize(6).map(parts -> String.join("", parts)), Arbitraries.just(null));
    }

    /** As {@link #shortUntrustedText()}, plus long mixes and very long strings. */
    private static Arbitrary<String> untrustedText() {
        Arbitrary<String> fragment = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40), Arbitraries.of(HOSTILE));
        Arbitrary<String> mixed = fragment.list().ofMaxSize(60).map(parts -> String.join("", parts));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, mixed),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMinLength(1_000).ofMaxLength(5_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    }

    private record Head(String id, String name, Integer status, Notification.Person creator, Instant created,
                        Notification.Person updater, Instant updated) {}

    private record Counts(Integer target, Integer sent, Integer read, Instant sendAt, Integer type, Integer scope,
                          Integer newStaffScope) {}

    private record Lists(List<Notification.Department> newStaff, List<Notification.Person> users,
                         List<Notification.Department> departments, List<Notification.Chat> chats, String link) {}
}
