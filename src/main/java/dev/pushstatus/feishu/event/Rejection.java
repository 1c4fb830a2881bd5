package dev.pushstatus.feishu.event;

/** Why a webhook body was refused, and the HTTP status that says so. */
public enum Rejection {
    /** Not JSON, or JSON of the wrong shape. */
    MALFORMED(400),
    /** Wrong token, bad or missing signature, undecryptable body, stale timestamp. */
    UNAUTHORIZED(401);

    private final int httpStatus;

    Rejection(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
