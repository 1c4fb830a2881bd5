/**
 * Adapters to the Feishu Open Platform: {@code event} (what Feishu sends us), {@code api} (what
 * we call), {@code card} (how replies look) and {@code sim} (a stand-in Feishu for tests and
 * sandbox mode). This package itself holds only what they share: the one JSON configuration.
 */
@NullMarked
package dev.pushstatus.feishu;

import org.jspecify.annotations.NullMarked;
