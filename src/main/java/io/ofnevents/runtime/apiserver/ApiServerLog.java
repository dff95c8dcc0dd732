package io.ofnevents.runtime.apiserver;

/** The log lines of the ApiServerSources' watches (tests and operators look for them). */
final class ApiServerLog {
  /** {watch}, {why}. */
  static final String CANNOT_WATCH = "ApiServerSource watch: {}";

  /** {watch}, {objects}, {resourceVersion}. */
  static final String LISTED = "Listed {}: {} object(s) at resourceVersion {}";

  /** {watch}, {why}, {resourceVersion}. */
  static final String RESUMING = "Watch of {} closed ({}): watching again from resourceVersion {}";

  /** {watch}, {message}. */
  static final String GONE =
      "Watch of {}: the API server no longer has that resourceVersion ({}): listing again, and"
          + " sending what changed meanwhile";

  /** {source}, {serviceAccountName}, {identity}. */
  static final String NOT_THE_SERVICE_ACCOUNT =
      "ApiServerSource {}: spec.serviceAccountName {} is not used standalone: it watches as {}";

  /** {source}, {identity}, {apiServer}. */
  static final String WATCHING_AS = "ApiServerSource {} watches {} as {}";

  private ApiServerLog() {}
}
