package dev.pushstatus.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushstatus.feishu.event.Rejection;
import org.junit.jupiter.api.Test;

/** The short names of the service's answers, as logs and tests see them. */
class EventAnswerLabelTest {

    @Test
    void everyAnswerHasItsLabel() {
        assertThat(new EventAnswer.Done().label()).isEqualTo("done");
        assertThat(new EventAnswer.Challenge("ch").label()).isEqualTo("challenge");
        assertThat(new EventAnswer.Callback("{}").label()).isEqualTo("callback");
    }

    @Test
    void deliverAgainSaysWhy() {
        assertThat(new EventAnswer.DeliverAgain(EventAnswer.Why.STILL_WORKING).label()).isEqualTo("deliver_again:still_working");
        assertThat(new EventAnswer.DeliverAgain(EventAnswer.Why.REPLY_FAILED).label()).isEqualTo("deliver_again:reply_failed");
        assertThat(new EventAnswer.DeliverAgain(EventAnswer.Why.SHUTTING_DOWN).label()).isEqualTo("deliver_again:shutting_down");
    }

    @Test
    void rejectedSaysWhichRejection() {
        assertThat(new EventAnswer.Rejected(Rejection.UNAUTHORIZED, "x").label()).isEqualTo("rejected:unauthorized");
        assertThat(new EventAnswer.Rejected(Rejection.MALFORMED, "x").label()).isEqualTo("rejected:malformed");
    }
}
