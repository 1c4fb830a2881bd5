package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What each outcome tells Feishu (settled or not) and the operator (label and detail in the log
 * line, label in the metrics), exactly.
 */
class OutcomeTest {

    @Test
    void replied() {
        Outcome replied = new Outcome.Replied("push-status", "om_reply");

        assertThat(replied.settled()).isTrue();
        assertThat(replied.label()).isEqualTo("replied");
        assertThat(replied.detail()).isEqualTo("-");
    }

    @Test
    void duplicate() {
        Outcome duplicate = new Outcome.Duplicate();

        assertThat(duplicate.settled()).isTrue();
        assertThat(duplicate.label()).isEqualTo("duplicate");
        assertThat(duplicate.detail()).isEqualTo("-");
    }

    @Test
    void ignoredNamesTheReason() {
        Outcome ignored = new Outcome.Ignored(Outcome.IgnoreReason.NOT_MENTIONED);

        assertThat(ignored.settled()).isTrue();
        assertThat(ignored.label()).isEqualTo("ignored");
        assertThat(ignored.detail()).isEqualTo("NOT_MENTIONED");
        assertThat(new Outcome.Ignored(Outcome.IgnoreReason.FROM_SELF).detail()).isEqualTo("FROM_SELF");
    }

    @Test
    void refusedIsSettledWhetherOrNotACardWasSent() {
        for (boolean cardSent : new boolean[] {true, false}) {
            Outcome refused = new Outcome.Refused("not on the allowlist", cardSent);

            assertThat(refused.settled()).isTrue();
            assertThat(refused.label()).isEqualTo("refused");
            assertThat(refused.detail()).isEqualTo("not on the allowlist");
        }
    }

    @Test
    void failedIsNotSettledAndGivesTheErrorIdAndReason() {
        Outcome.Failed failed = new Outcome.Failed("E-3F9A1C", "http 500");

        assertThat(failed.settled()).isFalse();
        assertThat(failed.label()).isEqualTo("failed");
        assertThat(failed.detail()).isEqualTo("E-3F9A1C http 500");
        assertThat(failed.outcome("push-status")).isSameAs(failed);
    }

    @Test
    void aSentReplyIsRepliedForTheCommandThatAskedForIt() {
        assertThat(new Replier.SendResult.Sent("om_r").outcome("help")).isEqualTo(new Outcome.Replied("help", "om_r"));
    }
}
