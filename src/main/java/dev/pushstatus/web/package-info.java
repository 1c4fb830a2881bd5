/**
 * The HTTP adapter on Javalin: the webhook routes, {@code /healthz}, {@code /readyz},
 * {@code /metrics}, body limits and request metrics. The webhook routes hand the raw bytes and
 * headers to {@code inbound.EventService} and turn its answer into a status code and body; the
 * rules (verification, dedupe, the budget, what to render) live there, not here. Never lets a
 * stack trace reach a response.
 */
@NullMarked
package dev.pushstatus.web;

import org.jspecify.annotations.NullMarked;
