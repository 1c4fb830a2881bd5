/**
 * A stand-in Feishu Open Platform for integration tests and sandbox mode: a Javalin server that
 * serves the token, bot-info, helpdesk and reply endpoints from fixture notifications, records
 * every call, injects faults and delays, and builds events encrypted and signed exactly as
 * Feishu does. It also plays the Feishu client for a person trying the bot: {@code /sim/say},
 * {@code /sim/click} and the browser console under {@code /console/} (static files in
 * {@code src/main/resources/console}). It serves Feishu's long connection too
 * ({@link dev.pushstatus.feishu.sim.LongConnectionServer}: the URL endpoint, the WebSocket speaking
 * {@link dev.pushstatus.feishu.sim.Pbbp2Frame}s with its own codec, pushes, acks and faults), and
 * its chat can go over it. Only {@code app} (sandbox mode) and tests may use it.
 */
@NullMarked
package dev.pushstatus.feishu.sim;

import org.jspecify.annotations.NullMarked;
