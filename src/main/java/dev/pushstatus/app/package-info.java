/**
 * The wiring point: {@link dev.pushstatus.app.Main} reads {@link dev.pushstatus.app.Config}
 * from the environment, {@link dev.pushstatus.app.Application} builds every component by
 * constructor injection and starts the web server, and {@link dev.pushstatus.app.Sandbox}
 * stands a simulated Feishu beside it when no credentials are set. The only package that may
 * import all the others.
 */
@NullMarked
package dev.pushstatus.app;

import org.jspecify.annotations.NullMarked;
