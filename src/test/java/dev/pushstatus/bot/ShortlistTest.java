package dev.pushstatus.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A shortlist keeps the first five entries and how many there were: the "+N more" of a card. */
class ShortlistTest {

    private static List<Integer> upTo(int n) {
        return IntStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void keepsTheFirstFiveAndCountsTheRest() {
        Shortlist<Integer> six = Shortlist.of(upTo(6));
        Shortlist<Integer> five = Shortlist.of(upTo(5));

        assertThat(six.first()).containsExactly(1, 2, 3, 4, 5);
        assertThat(six.total()).isEqualTo(6);
        assertThat(six.more()).isEqualTo(1);
        assertThat(five.first()).containsExactly(1, 2, 3, 4, 5);
        assertThat(five.more()).isZero();
        assertThat(Shortlist.of(upTo(5_000)).more()).isEqualTo(4_995);
        assertThat(Shortlist.empty().more()).isZero();
        assertThat(Shortlist.empty().isEmpty()).isTrue();
        assertThat(five.isEmpty()).isFalse();
    }

    @Test
    void refusesMoreThanFiveKeptOrATotalBelowWhatIsKept() {
        assertThatThrownBy(() -> new Shortlist<>(upTo(6), 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("first must hold at most 5 entries, had 6");
        assertThatThrownBy(() -> new Shortlist<>(upTo(3), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("total must be at least first.size(), was 2");
        assertThat(new Shortlist<>(upTo(5), 5).more()).isZero();
        assertThat(new Shortlist<>(upTo(3), 3).more()).isZero();
    }
}
