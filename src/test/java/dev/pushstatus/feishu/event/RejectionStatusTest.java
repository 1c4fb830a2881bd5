package dev.pushstatus.feishu.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The HTTP status of each refusal: what Feishu's console shows for a refused webhook. */
class RejectionStatusTest {

    @Test
    void malformedIs400AndUnauthorizedIs401() {
        assertThat(Rejection.MALFORMED.httpStatus()).isEqualTo(400);
        assertThat(Rejection.UNAUTHORIZED.httpStatus()).isEqualTo(401);
    }
}
