package io.ofnevents.runtime.console;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.parking.ParkedEvents;
import io.ofnevents.runtime.trigger.InputState;
import java.util.List;
import java.util.Map;

/**
 * What the routes running in this process say about the resources: meters, route states, recent
 * events and failures, condition state. {@link #NONE} where no route runs (an operator that hands
 * the routes to Camel K).
 */
public interface LiveState {
  LiveState NONE =
      new LiveState() {
        private final MeterRegistry empty = new SimpleMeterRegistry();

        @Override
        public boolean running() {
          return false;
        }

        @Override
        public MeterRegistry meters() {
          return empty;
        }

        @Override
        public List<String> routeProblems(ResourceId id) {
          return List.of();
        }

        @Override
        public boolean busHealthy() {
          return true;
        }

        @Override
        public List<RecordedEvent> events(ResourceId id) {
          return List.of();
        }

        @Override
        public Failure lastFailure(String key) {
          return null;
        }

        @Override
        public Map<String, InputState> conditionState(ResourceId trigger) {
          return null;
        }

        @Override
        public ParkedEvents parked() {
          return null;
        }
      };

  /** Whether routes run here, so that the other answers mean something. */
  boolean running();

  MeterRegistry meters();

  /** `route ID: Status` for each route of the resource that is not started. */
  List<String> routeProblems(ResourceId id);

  boolean busHealthy();

  /** The last events of the resource, oldest first. */
  List<RecordedEvent> events(ResourceId id);

  /** The last failure of a resource ({@link EventRecorder#key}) or a sink (its metrics label). */
  Failure lastFailure(String key);

  /** The Trigger's inputs now, or null when its state is not in this process. */
  Map<String, InputState> conditionState(ResourceId trigger) throws Exception;

  /** The parked events of the Triggers running here, or null when no route runs here. */
  ParkedEvents parked();
}
