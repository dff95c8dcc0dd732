package io.ofnevents.runtime.console.topology;

/**
 * How the page draws one kind of node, as data: the page has no branch per kind, so a new kind is
 * one of these plus the provider that makes its nodes. `shape` is a Cytoscape.js node shape.
 */
public record NodeKind(String name, String label, String shape, String color) {}
