package dev.pushstatus.feishu.card;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.bot.ClickAnswer;
import dev.pushstatus.bot.Reply;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

/** Renders replies and click answers to the card JSON Feishu expects. */
public final class CardRenderer {

    private final ObjectMapper mapper;
    private final StatusCard statusCard;
    private final Toasts toasts;

    /**
     * @param zone         zone for the times on cards ({@code BOT_TIMEZONE})
     * @param statusLabels operator labels for the undocumented status ints ({@code BOT_STATUS_LABELS})
     * @param clock        "now" for relative times such as "in 3 h"
     */
    public CardRenderer(ObjectMapper mapper, ZoneId zone, Map<Integer, String> statusLabels, Clock clock) {
        this.mapper = mapper;
        Texts texts = new Texts(zone, statusLabels);
        this.statusCard = new StatusCard(texts, clock);
        this.toasts = new Toasts(texts);
    }

    /** The card as a JSON string, for a message's content. */
    public String render(Reply reply) {
        return write(toCard(reply));
    }

    /** The card as a JSON tree. */
    public ObjectNode toCard(Reply reply) {
        if (reply instanceof Reply.Status status) {
            return statusCard.render(status.found());
        }
        if (reply instanceof Reply.LookupFailed failed) {
            return MessageCards.lookupFailed(failed.notificationId(), failed.failure());
        }
        if (reply instanceof Reply.Usage usage) {
            return MessageCards.usage(usage.spec(), usage.problem());
        }
        if (reply instanceof Reply.NotAllowed) {
            return MessageCards.notAllowed();
        }
        return MessageCards.help(((Reply.Help) reply).registry());
    }

    /**
     * The answer to a {@code card.action.trigger} callback: always a toast, and the new card
     * (which replaces the clicked one in place) when there is fresh data.
     */
    public String callbackAnswer(ClickAnswer answer) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("toast", toasts.toast(answer));
        if (answer instanceof ClickAnswer.Refreshed refreshed) {
            body.putObject("card").put("type", "raw").set("data", statusCard.render(refreshed.found()));
        }
        return write(body);
    }

    /**
     * The answer to a legacy card callback: the new card itself to replace the clicked one, or
     * {@code {}} to leave it (the legacy protocol has no toast).
     */
    public String legacyCallbackAnswer(ClickAnswer answer) {
        if (answer instanceof ClickAnswer.Refreshed refreshed) {
            return write(statusCard.render(refreshed.found()));
        }
        return "{}";
    }

    private String write(ObjectNode tree) {
        try {
            return mapper.writeValueAsString(tree);
        } catch (JacksonException e) {
            throw new IllegalStateException("a card tree always serialises", e);
        }
    }
}
