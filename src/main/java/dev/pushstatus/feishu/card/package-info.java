/**
 * How replies look: pure functions from a domain {@link dev.pushstatus.bot.Reply} to Feishu
 * interactive card JSON (card JSON 1.0, bilingual through {@code i18n_elements}).
 *
 * <p>Text that came from a notification is untrusted: it is shown as {@code plain_text}, or
 * escaped by {@link dev.pushstatus.feishu.card.Markdown} where markdown is needed, so that it can
 * never mention anyone or inject markup. May import Jackson and {@code bot}; no I/O.
 */
@NullMarked
package dev.pushstatus.feishu.card;

import org.jspecify.annotations.NullMarked;
