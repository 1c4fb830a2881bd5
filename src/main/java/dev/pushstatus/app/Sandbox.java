package dev.pushstatus.app;

import java.io.PrintStream;

/** Sandbox mode: placeholder while the simulator lands (replaced in the same session). */
final class Sandbox {

    private Sandbox() {
    }

    static AutoCloseable start(Config config, PrintStream out) {
        throw new UnsupportedOperationException("sandbox mode arrives with the simulator");
    }
}
