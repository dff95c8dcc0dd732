package io.ofnevents.model.filter;

import java.util.Optional;
import java.util.Set;

/**
 * The context attributes and extensions of one CloudEvent as they travel (binary mode: `ce-`
 * headers and the content type), by CloudEvents attribute name: `specversion`, `id`, `type`,
 * `source`, `subject`, `time`, `dataschema` (`schemaurl` in 0.3), `datacontenttype`, extensions.
 */
public interface EventAttributes {
  /** The value as written, or empty when the event does not carry the attribute. */
  Optional<String> get(String name);

  /** The names of every extension attribute the event carries. */
  Set<String> extensionNames();
}
