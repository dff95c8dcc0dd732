package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.OneOf;
import io.ofnevents.model.Required;
import java.util.List;

/** One requirement of a label selector. */
public record LabelSelectorRequirement(
    @Required @Doc("The label name.") String key,
    @Required
        @OneOf({"In", "NotIn", "Exists", "DoesNotExist"})
        @Doc("How the label's value is compared with values.")
        String operator,
    @Doc("The values: at least one for In and NotIn, none for Exists and DoesNotExist.")
        List<String> values) {}
