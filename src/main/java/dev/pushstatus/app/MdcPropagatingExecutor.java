package dev.pushstatus.app;

import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.MDC;

/**
 * Hands the submitting thread's log context (message_id, event_id) to the thread that runs the
 * task, so every log line of one event carries its ids whichever pool it is written from.
 */
final class MdcPropagatingExecutor implements Executor {

    private final Executor delegate;

    MdcPropagatingExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        delegate.execute(() -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            if (context == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(context);
            }
            try {
                task.run();
            } finally {
                if (previous == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(previous);
                }
            }
        });
    }
}
