package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Whose allowance a refresh is charged to: the person's open_id; without one, the chat's; without
 * either, one bucket that everyone nameless shares.
 */
class RefreshAllowanceKeysTest {

    final RefreshAllowance allowance = new RefreshAllowance(new FakeTicker());

    private void spend(Requester requester) {
        for (int i = 0; i < RefreshAllowance.PER_MINUTE; i++) {
            assertThat(allowance.take(requester)).isEmpty();
        }
    }

    @Test
    void withoutAnOpenIdEachChatHasItsOwnAllowance() {
        Requester inA = new Requester(null, "t1", "oc_a", "t1");
        spend(inA);

        assertThat(allowance.take(inA)).isEqualTo(Optional.of(Duration.ofSeconds(6)));
        assertThat(allowance.take(new Requester(null, "t1", "oc_b", "t1"))).isEmpty();
        assertThat(allowance.take(new Requester(null, "t1", null, "t1"))).isEmpty();
    }

    @Test
    void theOpenIdCountsWhicheverChatThePersonClicksIn() {
        spend(new Requester("ou_1", "t1", "oc_a", "t1"));

        assertThat(allowance.take(new Requester("ou_1", "t1", "oc_b", "t1"))).isPresent();
        assertThat(allowance.take(new Requester("ou_2", "t1", "oc_a", "t1"))).isEmpty();
        assertThat(allowance.take(new Requester(null, "t1", "oc_a", "t1"))).isEmpty();
    }

    @Test
    void everyoneNamelessSharesOneAllowance() {
        spend(new Requester(null, "t1", null, "t1"));

        assertThat(allowance.take(new Requester(null, "t2", null, null))).isPresent();
    }
}
