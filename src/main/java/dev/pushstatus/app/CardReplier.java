package dev.pushstatus.app;

import dev.pushstatus.bot.IncomingMessage;
import dev.pushstatus.bot.Replier;
import dev.pushstatus.bot.Reply;
import dev.pushstatus.feishu.api.FeishuClient;
import dev.pushstatus.feishu.card.CardRenderer;

/** The domain's {@link Replier} port, fulfilled by rendering a card and sending it with the client. */
final class CardReplier implements Replier {

    private final CardRenderer renderer;
    private final FeishuClient client;

    CardReplier(CardRenderer renderer, FeishuClient client) {
        this.renderer = renderer;
        this.client = client;
    }

    @Override
    public SendResult reply(IncomingMessage message, Reply reply, String uuid) {
        return client.replyCard(message.messageId(), renderer.render(reply), uuid);
    }
}
