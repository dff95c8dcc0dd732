package io.ofnevents.compile;

import java.util.SortedSet;
import java.util.TreeSet;

/** Records which Kamelets a route file uses while it is being generated. */
public final class Kamelets {
  private final SortedSet<String> used = new TreeSet<>();

  /** `kamelet:name`, remembering the use. */
  public String use(String name) {
    used.add(name);
    return "kamelet:" + name;
  }

  public SortedSet<String> used() {
    return used;
  }
}
