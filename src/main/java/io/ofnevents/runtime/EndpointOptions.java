package io.ofnevents.runtime;

import io.ofnevents.model.Durations;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import org.apache.camel.ResolveEndpointFailedException;

/**
 * Typed reading of an endpoint's URI parameters for our components; every key read is removed so
 * that whatever is left is reported as unknown instead of being ignored.
 */
public final class EndpointOptions {
  private final String uri;
  private final Map<String, Object> parameters;

  public EndpointOptions(String uri, Map<String, Object> parameters) {
    this.uri = uri;
    this.parameters = parameters;
  }

  public String string(String key, String defaultValue) {
    Object v = parameters.remove(key);
    String s = v == null ? null : v.toString();
    return s == null || s.isEmpty() ? defaultValue : s;
  }

  public String required(String key) {
    String v = string(key, null);
    if (v == null)
      throw new ResolveEndpointFailedException(uri, "parameter " + key + " is required");
    return v;
  }

  public int integer(String key, int defaultValue) {
    return (int) number(key, defaultValue);
  }

  public long number(String key, long defaultValue) {
    String v = string(key, null);
    if (v == null) return defaultValue;
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new ResolveEndpointFailedException(uri, key + "=" + v + " is not an integer");
    }
  }

  public Long optionalNumber(String key) {
    return parameters.containsKey(key) ? number(key, 0) : null;
  }

  public boolean bool(String key, boolean defaultValue) {
    String v = string(key, null);
    if (v == null) return defaultValue;
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw new ResolveEndpointFailedException(uri, key + "=" + v + " is not true or false");
    }
    return Boolean.parseBoolean(v);
  }

  public Duration duration(String key, Duration defaultValue) {
    String v = string(key, null);
    if (v == null) return defaultValue;
    try {
      return Durations.parse(v);
    } catch (IllegalArgumentException e) {
      throw new ResolveEndpointFailedException(uri, key + ": " + e.getMessage());
    }
  }

  public String oneOf(String key, String defaultValue, String... allowed) {
    String v = string(key, defaultValue);
    for (String a : allowed) if (a.equals(v)) return v;
    throw new ResolveEndpointFailedException(
        uri, key + "=" + v + " must be one of " + String.join(", ", allowed));
  }

  /** Fails on parameters nobody read. */
  public void rejectUnknown() {
    if (!parameters.isEmpty()) {
      throw new ResolveEndpointFailedException(
          uri, "unknown parameters: " + new TreeSet<>(parameters.keySet()));
    }
  }
}
