package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import java.util.Map;

/** Knative's `ceOverrides`: extension attributes set on every event a source sends. */
public record CloudEventOverrides(
    @Doc("Extension attributes by name (alphanumeric names).") Map<String, String> extensions) {}
