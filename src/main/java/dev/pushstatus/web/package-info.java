/**
 * The HTTP adapter on Javalin: the webhook routes, health and metrics endpoints, body limits
 * and the mapping from decode results and handling outcomes to status codes. Verification and
 * parsing live in {@code feishu.event}; this package only moves bytes and picks status codes,
 * and never lets a stack trace reach a response.
 */
package dev.pushstatus.web;
