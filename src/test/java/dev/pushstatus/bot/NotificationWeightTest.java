package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.bot.Notification.Chat;
import dev.pushstatus.bot.Notification.Department;
import dev.pushstatus.bot.Notification.Person;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a notification weighs in the cache: 1 KB for the objects and two bytes for every character
 * it keeps, counted in every text field and every kept entry of every list (each with a length of
 * its own here, so that each one is seen to count).
 */
class NotificationWeightTest {

    private static Notification notification(Person createdBy, Person updatedBy, List<Department> newStaff,
                                             List<Person> users, List<Department> departments, List<Chat> chats) {
        return new Notification("12", "job", 1, createdBy, null, updatedBy, null, 1, 1, 1, null, 0, 2, 1, newStaff,
                users, departments, chats, "https://applink/x");
    }

    @Test
    void everyKeptCharacterCountsTwoBytes() {
        // id 2, job name 3, link 17
        Notification bare = notification(null, null, List.of(), List.of(), List.of(), List.of());
        assertThat(bare.approximateBytes()).isEqualTo(1_024 + 2 * (2 + 3 + 17));

        Notification full = notification(new Person("ou_c", "Creator"), new Person("ou_upd", "Up"),
                List.of(new Department("od_new", "New staff")),
                List.of(new Person("ou_u1", "Ann"), new Person(null, "Bo")),
                List.of(new Department("od_dep", "Sales"), new Department(null, null)),
                List.of(new Chat("oc_chat1", "Ops"), new Chat("oc_2", null)));

        long chars = 2 + 3 + 17
                + (4 + 7) + (6 + 2)        // creator, updater
                + (6 + 9)                  // new-staff department
                + (5 + 3) + (0 + 2)        // users
                + (6 + 5) + 0              // departments
                + (8 + 3) + (4 + 0);       // chats
        assertThat(full.approximateBytes()).isEqualTo(1_024 + 2 * chars);
    }

    @Test
    void onlyTheKeptEntriesOfALongListCount() {
        List<Chat> many = java.util.stream.IntStream.range(0, 100).mapToObj(i -> new Chat("oc_" + i, null)).toList();

        Notification n = notification(null, null, List.of(), List.of(), List.of(), many);

        // oc_0 .. oc_4: four characters each
        assertThat(n.approximateBytes()).isEqualTo(1_024 + 2 * (2 + 3 + 17 + 5 * 4));
    }
}
