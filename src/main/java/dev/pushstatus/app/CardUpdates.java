package dev.pushstatus.app;

import dev.pushstatus.bot.CardUpdater;
import dev.pushstatus.bot.Reply;
import dev.pushstatus.feishu.api.FeishuClient;
import dev.pushstatus.feishu.card.CardRenderer;

/** The domain's {@link CardUpdater} port, fulfilled by rendering the card and PATCHing the message with the client. */
final class CardUpdates implements CardUpdater {

    private final CardRenderer renderer;
    private final FeishuClient client;

    CardUpdates(CardRenderer renderer, FeishuClient client) {
        this.renderer = renderer;
        this.client = client;
    }

    @Override
    public Result update(String messageId, Reply card) {
        return client.updateCard(messageId, renderer.render(card));
    }
}
