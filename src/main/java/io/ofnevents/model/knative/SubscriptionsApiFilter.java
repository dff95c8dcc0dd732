package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import java.util.List;
import java.util.Map;

/**
 * One element of a Knative Trigger's `filters` (the CloudEvents Subscriptions API dialects). Each
 * element uses exactly one dialect.
 */
public record SubscriptionsApiFilter(
    @Doc("Every nested filter must match.") List<SubscriptionsApiFilter> all,
    @Doc("At least one nested filter must match.") List<SubscriptionsApiFilter> any,
    @Doc("The nested filter must not match.") SubscriptionsApiFilter not,
    @Doc("Attribute name to value, compared exactly.") Map<String, String> exact,
    @Doc("Attribute name to the prefix its value starts with.") Map<String, String> prefix,
    @Doc("Attribute name to the suffix its value ends with.") Map<String, String> suffix,
    @Doc("A CloudEvents SQL (v1) expression, e.g. type LIKE 'dev.knative.%'.") String cesql) {}
