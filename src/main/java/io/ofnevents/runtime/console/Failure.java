package io.ofnevents.runtime.console;

/** The last failure seen for a resource or a sink: when (epoch ms) and its one-line message. */
public record Failure(long at, String message) {}
