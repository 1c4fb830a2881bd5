package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.bot.AccessGate.Verdict;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one gate for messages and clicks: tenant first, then the allowlists; absence never grants access. */
class AccessGateTest {

    static final String TENANT = "t1";
    final AccessGate open = AccessGate.open();
    final AccessGate listed = new AccessGate(Set.of("oc_ops"), Set.of("ou_alice"));

    static Requester asker(String openId, String tenant, String chatId) {
        return new Requester(openId, tenant, chatId, TENANT);
    }

    @Test
    void withNoListsEveryoneOfTheAppsTenantMayAsk() {
        assertThat(open.check(asker("ou_any", TENANT, "oc_any"))).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void eitherListGrants() {
        assertThat(listed.check(asker("ou_bob", TENANT, "oc_ops"))).isEqualTo(Verdict.ALLOWED);
        assertThat(listed.check(asker("ou_alice", TENANT, "oc_dm"))).isEqualTo(Verdict.ALLOWED);
        assertThat(listed.check(asker("ou_bob", TENANT, "oc_dm"))).isEqualTo(Verdict.NOT_LISTED);
    }

    @Test
    void aRequesterOfAnotherTenantIsRefusedEvenWhenListed() {
        assertThat(open.check(asker("ou_alice", "t2", "oc_ops"))).isEqualTo(Verdict.OTHER_TENANT);
        assertThat(listed.check(asker("ou_alice", "t2", "oc_ops"))).isEqualTo(Verdict.OTHER_TENANT);
    }

    @Test
    void absentTenantInformationMeansNotOurTenant() {
        assertThat(open.check(new Requester("ou_a", null, "oc", TENANT))).isEqualTo(Verdict.OTHER_TENANT);
        assertThat(open.check(new Requester("ou_a", TENANT, "oc", null))).isEqualTo(Verdict.OTHER_TENANT);
        assertThat(open.check(new Requester("ou_a", "", "oc", ""))).isEqualTo(Verdict.OTHER_TENANT);
        assertThat(open.check(new Requester("ou_a", " ", "oc", " "))).isEqualTo(Verdict.OTHER_TENANT);
        assertThat(open.check(new Requester("ou_a", null, "oc", null))).isEqualTo(Verdict.OTHER_TENANT);
    }

    @Test
    void absentIdsAreSimplyNotOnAList() {
        // Set.copyOf's sets throw on contains(null); a missing chat_id or open_id must not crash the gate.
        assertThat(listed.check(asker(null, TENANT, null))).isEqualTo(Verdict.NOT_LISTED);
        assertThat(listed.check(asker("ou_alice", TENANT, null))).isEqualTo(Verdict.ALLOWED);
        assertThat(listed.check(asker(null, TENANT, "oc_ops"))).isEqualTo(Verdict.ALLOWED);
        assertThat(open.check(asker(null, TENANT, null))).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void onlyAChatListOrOnlyAUserListIsEnoughToClose() {
        assertThat(new AccessGate(Set.of("oc_ops"), Set.of()).check(asker("ou_a", TENANT, "oc_dm")))
                .isEqualTo(Verdict.NOT_LISTED);
        assertThat(new AccessGate(Set.of(), Set.of("ou_alice")).check(asker("ou_a", TENANT, "oc_dm")))
                .isEqualTo(Verdict.NOT_LISTED);
    }

    @Test
    void messagesAndClicksNameTheSameRequester() {
        IncomingMessage message = new IncomingMessage("om", "oc_ops", ChatType.GROUP, "ou_a", true, "t2", TENANT,
                "/ps 1", Set.of());
        ButtonClick click = new ButtonClick("ou_a", "t2", TENANT, "oc_ops", "om", java.util.Map.of(), null);
        assertThat(message.requester()).isEqualTo(new Requester("ou_a", "t2", "oc_ops", TENANT));
        assertThat(click.requester()).isEqualTo(message.requester());
    }
}
