package dev.pushstatus.bot;

import java.util.List;

/**
 * The first few entries of a list and how long the whole list was: what a card shows ("Anna,
 * Ben, ... +4,995 more"). A notification can name thousands of recipients; keeping all of them
 * in the cache cost about 0.85 MB per notification for five names shown.
 *
 * @param first at most {@link #KEPT} entries, in the upstream order
 * @param total how many entries the whole list had
 */
public record Shortlist<T>(List<T> first, int total) {

    /** How many entries are kept. */
    public static final int KEPT = 5;

    public Shortlist {
        first = List.copyOf(first);
        if (first.size() > KEPT) {
            throw new IllegalArgumentException("first must hold at most " + KEPT + " entries, had " + first.size());
        }
        if (total < first.size()) {
            throw new IllegalArgumentException("total must be at least first.size(), was " + total);
        }
    }

    /** The shortlist of a whole list. */
    public static <T> Shortlist<T> of(List<T> all) {
        return new Shortlist<>(all.size() <= KEPT ? all : all.subList(0, KEPT), all.size());
    }

    /** An empty list. */
    public static <T> Shortlist<T> empty() {
        return new Shortlist<>(List.of(), 0);
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /** How many entries are not kept. */
    public int more() {
        return total - first.size();
    }
}
