package io.ofnevents.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by Maven), for `--version` and generated output. */
public final class Version implements IVersionProvider {
  public static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "ofn-events "
          + current()
          + " (Apache Camel "
          + org.apache.camel.CamelContext.class.getPackage().getImplementationVersion()
          + ")"
    };
  }
}
