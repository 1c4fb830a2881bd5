package dev.pushstatus.feishu.card;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushstatus.bot.Reply;
import java.time.ZoneId;
import java.util.Map;

/** Renders any {@link Reply} to the card JSON string Feishu expects in a message's content. */
public final class CardRenderer {

    private final ObjectMapper mapper;
    private final StatusCard statusCard;

    public CardRenderer(ObjectMapper mapper, ZoneId zone, Map<Integer, String> statusLabels) {
        this.mapper = mapper;
        this.statusCard = new StatusCard(new Texts(zone, statusLabels));
    }

    /** The card as a JSON string. */
    public String render(Reply reply) {
        try {
            return mapper.writeValueAsString(toCard(reply));
        } catch (JacksonException e) {
            throw new IllegalStateException("a card tree always serialises", e);
        }
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
}
