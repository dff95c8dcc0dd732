package io.ofnevents.runtime.console;

/**
 * Where the console's data comes from: the resources (with their routes and warnings) and the live
 * state of the routes that run them. `ofn-events run` has one fixed catalog and its own routes; the
 * operator's catalog changes with the cluster and its routes run in-process or elsewhere.
 */
public interface ConsoleSource {
  /** The resources now; a new object when they changed, so the topology is rebuilt. */
  ConsoleCatalog catalog();

  LiveState live();

  static ConsoleSource of(ConsoleCatalog catalog, LiveState live) {
    return new ConsoleSource() {
      @Override
      public ConsoleCatalog catalog() {
        return catalog;
      }

      @Override
      public LiveState live() {
        return live;
      }
    };
  }
}
