package dev.pushstatus.bot;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Handles one incoming message: screen it, dedupe it, run the command, reply.
 *
 * <p>{@link #submit} returns at once with a future; the work runs on the given bounded executor
 * so that the caller can wait for it within Feishu's 3 s budget and, past it, answer "deliver
 * again" while the reply still goes out in the background. A message is claimed in
 * {@link MessageDedupe} before any work, so a redelivery joins the first handling instead of
 * starting a second one.
 */
public final class MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(MessageHandler.class);

    private final CommandParser parser;
    private final CommandRegistry registry;
    private final AccessGate gate;
    private final MessageDedupe dedupe;
    private final NotificationCache cache;
    private final Replier replier;
    private final Supplier<Optional<String>> botOpenId;
    private final Executor executor;
    private final Duration lookupTimeout;
    private final Clock clock;

    public MessageHandler(CommandRegistry registry, AccessGate gate, MessageDedupe dedupe,
                          NotificationCache cache, Replier replier, Supplier<Optional<String>> botOpenId,
                          Executor executor, Duration lookupTimeout, Clock clock) {
        this.parser = new CommandParser(registry);
        this.registry = registry;
        this.gate = gate;
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
        AccessGate.Verdict verdict = gate.check(message.requester());
        Outcome.IgnoreReason ignored = screen(message, bot.get(), verdict);
        if (ignored != null) {
            Outcome outcome = new Outcome.Ignored(ignored);
            logOutcome(message, "-", outcome, 0);
            return CompletableFuture.completedFuture(outcome);
        }
        MessageDedupe.Claim claim = dedupe.claim(message.messageId());
        if (!claim.first()) {
            return claim.future().thenApply(first -> first.settled() ? new Outcome.Duplicate() : first);
        }
        try {
            executor.execute(() -> complete(message, verdict, claim));
        } catch (RejectedExecutionException busy) {
            dedupe.finish(message.messageId(), claim, new Outcome.Failed(ErrorIds.next(), "too busy: work queue full"));
        }
        return claim.future();
    }

    private void complete(IncomingMessage message, AccessGate.Verdict verdict, MessageDedupe.Claim claim) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("message_id", message.messageId())) {
            completeLogged(message, verdict, claim);
        }
    }

    private void completeLogged(IncomingMessage message, AccessGate.Verdict verdict, MessageDedupe.Claim claim) {
        long start = clock.millis();
        Outcome outcome = null;
        String commandName = "-";
        try {
            Command command = parser.parse(message.text());
            commandName = command.logName();
            outcome = respond(message, verdict, command);
        } catch (RuntimeException | StackOverflowError bug) {
            // A stack overflow here is a bug in parsing crafted text; it must not kill the worker.
            String errorId = ErrorIds.next();
            if (bug instanceof StackOverflowError) {
                // Its trace is a thousand identical frames: the top few say where, in one entry.
                log.error("message_id={} error_id={} unexpected failure: {} at {}", message.messageId(), errorId, bug,
                        java.util.Arrays.stream(bug.getStackTrace()).limit(5).map(String::valueOf)
                                .collect(java.util.stream.Collectors.joining(" < ")));
            } else {
                log.error("message_id={} error_id={} unexpected failure", message.messageId(), errorId, bug);
            }
            outcome = new Outcome.Failed(errorId, "internal error");
        } finally {
            // Whatever escaped (an Error), the claim is released and completed: a claimed message
            // left unfinished would make every redelivery wait and fail for the dedupe's lifetime.
            if (outcome == null) {
                outcome = new Outcome.Failed(ErrorIds.next(), "internal error");
            }
            logOutcome(message, commandName, outcome, clock.millis() - start);
            dedupe.finish(message.messageId(), claim, outcome);
        }
    }

    private Outcome respond(IncomingMessage message, AccessGate.Verdict verdict, Command command) {
        if (verdict == AccessGate.Verdict.NOT_LISTED) {
            if (message.chatType() == ChatType.GROUP) {
                return new Outcome.Refused("not on the allowlist", false);
            }
            Outcome sent = send(message, new Reply.NotAllowed(), "refused");
            return sent.settled() ? new Outcome.Refused("not on the allowlist", true) : sent;
        }
        return send(message, command.accept(new ReplyTo()), command.logName());
    }

    private Outcome send(IncomingMessage message, Reply reply, String commandName) {
        return replier.reply(message, reply, ReplyUuid.forMessage(message.messageId())).outcome(commandName);
    }

    /** The reply each command gets. */
    private final class ReplyTo implements Command.Cases<Reply> {
        @Override
        public Reply pushStatus(Command.PushStatus status) {
            String id = status.notificationId();
            return cache.lookup(id, lookupTimeout)
                    .either(Reply.Status::new, failure -> new Reply.LookupFailed(id, failure));
        }

        @Override
        public Reply help(Command.Help help) {
            return new Reply.Help(registry);
        }

        @Override
        public Reply usage(Command.Usage usage) {
            return new Reply.Usage(usage.spec(), usage.problem());
        }

        @Override
        public Reply notACommand(Command.NotACommand none) {
            return new Reply.Help(registry);
        }
    }

    /** Decides, without any I/O, whether a message is for the bot at all; null when it is. */
    private static Outcome.@Nullable IgnoreReason screen(IncomingMessage message, String botOpenId,
                                                         AccessGate.Verdict verdict) {
        if (botOpenId.equals(message.senderOpenId())) {
            return Outcome.IgnoreReason.FROM_SELF;
        }
        if (!message.senderIsUser()) {
            return Outcome.IgnoreReason.FROM_OTHER_BOT;
        }
        if (verdict == AccessGate.Verdict.OTHER_TENANT) {
            return Outcome.IgnoreReason.EXTERNAL_TENANT;
        }
        if (message.chatType() == ChatType.GROUP && !message.mentions(botOpenId)) {
            return Outcome.IgnoreReason.NOT_MENTIONED;
        }
        if (message.text() == null) {
            return Outcome.IgnoreReason.NOT_TEXT;
        }
        return null;
    }

    private static void logOutcome(IncomingMessage message, String command, Outcome outcome, long millis) {
        // One line per message handled; never the text itself, which may hold personal data.
        log.info("message_id={} chat_type={} command={} outcome={} detail={} ms={}",
                message.messageId(), message.chatType(), command, outcome.label(), outcome.detail(), millis);
    }
}
