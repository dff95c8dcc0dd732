package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import java.util.Map;

/** A Knative Trigger's `filter`: exact attribute matches, all of which must hold. */
public record TriggerFilter(
    @Doc(
            "Attribute name to value; \"\" matches any non-empty value. Names are lowercase"
                + " alphanumeric (type, source, an extension).")
        Map<String, String> attributes) {}
