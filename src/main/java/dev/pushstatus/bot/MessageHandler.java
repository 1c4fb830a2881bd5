package dev.pushstatus.bot;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Handles one incoming message: screen it, dedupe it, run the command, reply.
 *
 * <p>{@link #submit} returns at once with a future; the work runs on the given bounded executor
 * so that the web layer can wait for it within Feishu's 3 s budget and, past it, answer non-200
 * while the reply still goes out in the background. A message is claimed in {@link MessageDedupe}
 * before any work, so a redelivery joins the first handling instead of starting a second one.
 */
public final class MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(MessageHandler.class);

    private final CommandParser parser;
    private final CommandRegistry registry;
    private final AccessPolicy access;
    private final MessageDedupe dedupe;
    private final NotificationCache cache;
    private final Replier replier;
    private final Supplier<Optional<String>> botOpenId;
    private final Executor executor;
    private final Duration lookupTimeout;
    private final Clock clock;

    public MessageHandler(CommandRegistry registry, AccessPolicy access, MessageDedupe dedupe,
                          NotificationCache cache, Replier replier, Supplier<Optional<String>> botOpenId,
                          Executor executor, Duration lookupTimeout, Clock clock) {
        this.parser = new CommandParser(registry);
        this.registry = registry;
        this.access = access;
        this.dedupe = dedupe;
        this.cache = cache;
        this.replier = replier;
        this.botOpenId = botOpenId;
        this.executor = executor;
        this.lookupTimeout = lookupTimeout;
        this.clock = clock;
    }

    /** Starts handling the message; the future completes with its outcome and never fails. */
    public CompletableFuture<Outcome> submit(IncomingMessage message) {
        Optional<String> bot = botOpenId.get();
        if (bot.isEmpty()) {
            // Without our own open_id we cannot tell a mention from none; Feishu will redeliver.
            return CompletableFuture.completedFuture(new Outcome.Failed(ErrorIds.next(), "bot identity not known yet"));
        }
        Optional<Outcome.Ignored> ignored = screen(message, bot.get());
        if (ignored.isPresent()) {
            logOutcome(message, "-", ignored.get(), 0);
            return CompletableFuture.completedFuture(ignored.get());
        }
        MessageDedupe.Claim claim = dedupe.claim(message.messageId());
        if (claim instanceof MessageDedupe.Claim.SeenBefore seen) {
            return seen.future().thenApply(first -> first.settled() ? new Outcome.Duplicate() : first);
        }
        CompletableFuture<Outcome> mine = ((MessageDedupe.Claim.Owner) claim).future();
        try {
            executor.execute(() -> complete(message, mine));
        } catch (RejectedExecutionException busy) {
            dedupe.release(message.messageId(), mine);
            mine.complete(new Outcome.Failed(ErrorIds.next(), "too busy: work queue full"));
        }
        return mine;
    }

    private void complete(IncomingMessage message, CompletableFuture<Outcome> claim) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("message_id", message.messageId())) {
            completeLogged(message, claim);
        }
    }

    private void completeLogged(IncomingMessage message, CompletableFuture<Outcome> claim) {
        long start = clock.millis();
        Outcome outcome;
        String commandName = "-";
        try {
            Command command = parser.parse(message.text());
            commandName = commandName(command);
            outcome = respond(message, command);
        } catch (RuntimeException bug) {
            String errorId = ErrorIds.next();
            log.error("message_id={} error_id={} unexpected failure", message.messageId(), errorId, bug);
            outcome = new Outcome.Failed(errorId, "internal error");
        }
        if (!outcome.settled()) {
            dedupe.release(message.messageId(), claim);
        }
        logOutcome(message, commandName, outcome, clock.millis() - start);
        claim.complete(outcome);
    }

    private Outcome respond(IncomingMessage message, Command command) {
        if (!access.allows(message.chatId(), message.senderOpenId())) {
            if (message.chatType() == ChatType.GROUP) {
                return new Outcome.Refused("not on the allowlist", false);
            }
            Outcome sent = send(message, new Reply.NotAllowed(), "refused");
            return sent.settled() ? new Outcome.Refused("not on the allowlist", true) : sent;
        }
        return send(message, replyTo(command), commandName(command));
    }

    private Reply replyTo(Command command) {
        if (command instanceof Command.PushStatus status) {
            LookupResult result = cache.lookup(status.notificationId(), lookupTimeout);
            return result instanceof LookupResult.Found found
                    ? new Reply.Status(found)
                    : new Reply.LookupFailed(status.notificationId(), (LookupResult.Failure) result);
        }
        if (command instanceof Command.Usage usage) {
            return new Reply.Usage(usage.spec(), usage.problem());
        }
        return new Reply.Help(registry);
    }

    private Outcome send(IncomingMessage message, Reply reply, String commandName) {
        Replier.SendResult result = replier.reply(message, reply, ReplyUuid.forMessage(message.messageId()));
        if (result instanceof Replier.SendResult.Sent sent) {
            return new Outcome.Replied(commandName, sent.replyMessageId());
        }
        Replier.SendResult.Failed failed = (Replier.SendResult.Failed) result;
        return new Outcome.Failed(failed.errorId(), failed.reason());
    }

    /** Decides, without any I/O, whether a message is for the bot at all. */
    private static Optional<Outcome.Ignored> screen(IncomingMessage message, String botOpenId) {
        Outcome.IgnoreReason reason = null;
        if (botOpenId.equals(message.senderOpenId())) {
            reason = Outcome.IgnoreReason.FROM_SELF;
        } else if (!message.senderIsUser()) {
            reason = Outcome.IgnoreReason.FROM_OTHER_BOT;
        } else if (message.fromExternalTenant()) {
            reason = Outcome.IgnoreReason.EXTERNAL_TENANT;
        } else if (message.chatType() == ChatType.GROUP && !message.mentions(botOpenId)) {
            reason = Outcome.IgnoreReason.NOT_MENTIONED;
        } else if (message.text() == null) {
            reason = Outcome.IgnoreReason.NOT_TEXT;
        }
        return Optional.ofNullable(reason).map(Outcome.Ignored::new);
    }

    private static String commandName(Command command) {
        if (command instanceof Command.PushStatus) {
            return "push-status";
        }
        if (command instanceof Command.Help) {
            return "help";
        }
        if (command instanceof Command.Usage usage) {
            return usage.spec().name() + ":usage";
        }
        return "none";
    }

    private static void logOutcome(IncomingMessage message, String command, Outcome outcome, long millis) {
        // One line per message handled; never the text itself, which may hold personal data.
        log.info("message_id={} chat_type={} command={} outcome={} detail={} ms={}",
                message.messageId(), message.chatType(), command, outcome.label(), detail(outcome), millis);
    }

    private static String detail(Outcome outcome) {
        if (outcome instanceof Outcome.Ignored ignored) {
            return ignored.reason().name();
        }
        if (outcome instanceof Outcome.Failed failed) {
            return failed.errorId() + " " + failed.reason();
        }
        if (outcome instanceof Outcome.Refused refused) {
            return refused.reason();
        }
        return "-";
    }
}
