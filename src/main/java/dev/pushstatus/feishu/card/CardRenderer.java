package dev.pushstatus.feishu.card;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.bot.ClickAnswer;
import dev.pushstatus.bot.LookupResult;
import dev.pushstatus.bot.Reply;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/** Renders replies and click answers to the card JSON Feishu expects. */
public final class CardRenderer {

    private final ObjectMapper mapper;
    private final StatusCard statusCard;
    private final WatchLine watchLine;
    private final Toasts toasts;
    private final Clock clock;

    /**
     * @param zone         zone for the times on cards ({@code BOT_TIMEZONE})
     * @param statusLabels operator labels for the undocumented status ints ({@code BOT_STATUS_LABELS})
     * @param clock        "now" for relative times such as "in 3 h"
     */
    public CardRenderer(ObjectMapper mapper, ZoneId zone, Map<Integer, String> statusLabels, Clock clock) {
        this.mapper = mapper;
        Texts texts = new Texts(zone, statusLabels);
        this.statusCard = new StatusCard(texts, clock);
        this.watchLine = new WatchLine(texts);
        this.clock = clock;
        this.toasts = new Toasts(texts);
    }

    /** The card as a JSON string, for a message's content. */
    public String render(Reply reply) {
        return write(toCard(reply));
    }

    /** The card as a JSON tree. */
    public ObjectNode toCard(Reply reply) {
        return reply.accept(new Reply.Cases<>() {
            @Override
            public ObjectNode status(Reply.Status status) {
                return statusCard.render(status.found());
            }

            @Override
            public ObjectNode watched(Reply.Watched watched) {
                if (watched.found() != null) {
                    return statusCard.render(watched.found(), watched.view());
                }
                // The final card of a watch whose notification is gone.
                ObjectNode card = MessageCards.lookupFailed(watched.notificationId(),
                        new LookupResult.NotFound(watched.notificationId()));
                WatchLine.appendTo(card, watchLine.markdown(watched.view(), clock.instant(), Lang.ZH),
                        watchLine.markdown(watched.view(), clock.instant(), Lang.EN));
                return card;
            }

            @Override
            public ObjectNode lookupFailed(Reply.LookupFailed failed) {
                return MessageCards.lookupFailed(failed.notificationId(), failed.failure());
            }

            @Override
            public ObjectNode help(Reply.Help help) {
                return MessageCards.help(help.registry());
            }

            @Override
            public ObjectNode usage(Reply.Usage usage) {
                return MessageCards.usage(usage.spec(), usage.problem());
            }

            @Override
            public ObjectNode notAllowed(Reply.NotAllowed notAllowed) {
                return MessageCards.notAllowed();
            }
        });
    }

    /**
     * The answer to a {@code card.action.trigger} callback: always a toast, and the new card
     * (which replaces the clicked one in place) when there is fresh data.
     */
    public String callbackAnswer(ClickAnswer answer) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("toast", toasts.toast(answer));
        refreshedCard(answer).ifPresent(card -> body.putObject("card").put("type", "raw").set("data", card));
        return write(body);
    }

    /**
     * The answer to a legacy card callback: the new card itself to replace the clicked one, or
     * {@code {}} to leave it (the legacy protocol has no toast).
     */
    public String legacyCallbackAnswer(ClickAnswer answer) {
        return refreshedCard(answer).map(this::write).orElse("{}");
    }

    /** The new card a click answer carries: only a successful refresh has one. */
    private Optional<ObjectNode> refreshedCard(ClickAnswer answer) {
        return answer.accept(new ClickAnswer.Cases<>() {
            @Override
            public Optional<ObjectNode> refreshed(ClickAnswer.Refreshed refreshed) {
                return Optional.of(statusCard.render(refreshed.found(), refreshed.live()));
            }

            @Override
            public Optional<ObjectNode> watching(ClickAnswer.Watching watching) {
                return Optional.of(toCard(new Reply.Watched(watching.notificationId(), watching.found(),
                        watching.view())));
            }

            @Override
            public Optional<ObjectNode> refreshFailed(ClickAnswer.RefreshFailed refreshFailed) {
                return Optional.empty();
            }

            @Override
            public Optional<ObjectNode> notAllowed(ClickAnswer.NotAllowed notAllowed) {
                return Optional.empty();
            }

            @Override
            public Optional<ObjectNode> unknownButton(ClickAnswer.UnknownButton unknownButton) {
                return Optional.empty();
            }

            @Override
            public Optional<ObjectNode> busy(ClickAnswer.Busy busy) {
                return Optional.empty();
            }
        });
    }

    private String write(ObjectNode tree) {
        try {
            return mapper.writeValueAsString(tree);
        } catch (JacksonException e) {
            throw new IllegalStateException("a card tree always serialises", e);
        }
    }
}
