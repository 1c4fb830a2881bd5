package dev.pushstatus.bot;

/** Port: replaces the card of a message the bot sent (Feishu's message PATCH). Never throws for upstream failures. */
@FunctionalInterface
public interface CardUpdater {

    /** Renders {@code card} and puts it in place of the message's card. */
    Result update(String messageId, Reply card);

    /** How an update went. */
    sealed interface Result {

        /** Calls the method of {@code cases} that names this result. */
        <R> R accept(Cases<R> cases);

        /** One method per way an update can end. */
        interface Cases<R> {
            R updated(Updated updated);

            R cardGone(CardGone gone);

            R failed(Failed failed);
        }

        /** The card shows the new content. */
        record Updated() implements Result {
            @Override
            public <R> R accept(Cases<R> cases) {
                return cases.updated(this);
            }
        }

        /** The message can no longer be updated (recalled, deleted, older than 14 days): stop trying. */
        record CardGone(String why) implements Result {
            @Override
            public <R> R accept(Cases<R> cases) {
                return cases.cardGone(this);
            }
        }

        /** Passing trouble (rate limit, 5xx, timeout): try again later. */
        record Failed(String errorId, String why) implements Result {
            @Override
            public <R> R accept(Cases<R> cases) {
                return cases.failed(this);
            }
        }
    }
}
