package io.ofnevents.bench;

/** A path whose consumers can be stopped while a backlog is published, then started on it. */
interface Drainable {
  /** Stops consuming, keeping the durable consumers (and so their position). */
  void pause() throws Exception;

  /** Starts consuming again where the durables are. */
  void resume() throws Exception;
}
