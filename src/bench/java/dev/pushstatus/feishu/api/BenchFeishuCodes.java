package dev.pushstatus.feishu.api;

/**
 * Benchmarks only: Feishu answer codes the bot acts on, as the client defines them. Lives in this
 * package because {@code FeishuCodes} is package-private.
 */
public final class BenchFeishuCodes {

    /** "request trigger frequency limit": Feishu's own rate limit. */
    public static final int RATE_LIMITED = FeishuCodes.RATE_LIMITED;

    private BenchFeishuCodes() {
    }
}
