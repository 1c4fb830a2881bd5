package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    @Test
    void openLetsEveryoneIn() {
        assertThat(AccessPolicy.open().allows("oc_any", "ou_any")).isTrue();
    }

    @Test
    void eitherListGrants() {
        AccessPolicy policy = new AccessPolicy(Set.of("oc_ops"), Set.of("ou_alice"));
        assertThat(policy.allows("oc_ops", "ou_bob")).isTrue();
        assertThat(policy.allows("oc_dm", "ou_alice")).isTrue();
        assertThat(policy.allows("oc_dm", "ou_bob")).isFalse();
    }
}
