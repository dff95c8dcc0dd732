package io.ofnevents.model.load;

import io.ofnevents.model.Resource;

/** A resource together with where each of its fields was written. */
public record Loaded(Resource resource, SourceMap where) {}
