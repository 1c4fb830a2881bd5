package dev.pushstatus.feishu.sim;

import java.util.Locale;
import java.util.Optional;

/**
 * A fault of the long connection, played by {@link LongConnectionServer#inject} once or by
 * {@link LongConnectionServer#injectUntilCleared} until {@link LongConnectionServer#clearFaults}. Endpoint and
 * handshake faults answer the next call (once) or every call (until cleared). Connection faults
 * act on the connections open now, or on the next one to open when none is; until cleared they
 * also act on every connection that opens later.
 */
public enum LongConnectionFault {

    /** {@code POST /callback/ws/endpoint} answers {@code {"code":1000040343}}: a passing error, the client retries. */
    ENDPOINT_TEMPORARY(Site.ENDPOINT),
    /** {@code POST /callback/ws/endpoint} answers {@code {"code":10014,"msg":"app secret invalid"}}: a configuration error. */
    ENDPOINT_CONFIG_ERROR(Site.ENDPOINT),
    /** The handshake is refused with HTTP 514 and {@code handshake-autherrcode: 1000040350} (too many connections). */
    HANDSHAKE_TOO_MANY(Site.HANDSHAKE),
    /** The handshake is refused with HTTP 403 (the app is forbidden). */
    HANDSHAKE_FORBIDDEN(Site.HANDSHAKE),
    /** The connection is cut without a close frame (the client sees an abnormal close, as after a NAT drop). */
    DROP(Site.CONNECTION),
    /** The server closes the connection with a close frame, 1001 going away (as when a gateway restarts). */
    CLOSE(Site.CONNECTION),
    /** The connection stays open but the server sends nothing on it: no pong, no event (a dead peer). */
    SILENT(Site.CONNECTION);

    /** Where a fault plays. */
    enum Site { ENDPOINT, HANDSHAKE, CONNECTION }

    private final Site site;

    LongConnectionFault(Site site) {
        this.site = site;
    }

    Site site() {
        return site;
    }

    /** The name the {@code /sim/ws/faults} route takes: lower case with dashes, e.g. {@code handshake-too-many}. */
    public String kind() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The fault of a {@link #kind()} name. */
    public static Optional<LongConnectionFault> ofKind(String kind) {
        for (LongConnectionFault fault : values()) {
            if (fault.kind().equals(kind)) {
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }
}
