#!/usr/bin/env bash
# The quickstart: builds ofn-events if needed, starts an event display on :8090, and runs
# examples/quickstart (cron -> in-memory bus -> Trigger with a condition -> the display).
# Needs only Java 17 and Maven; no server. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f target/ofn-events.jar || -n "$(find src kamelets modules pom.xml -newer target/ofn-events.jar -print -quit)" ]]; then
  echo "Building ofn-events (first run downloads dependencies) ..."
  mvn -B -q package -DskipTests
fi

log=target/quickstart.log
bin/ofn-events display --port 8090 &
display=$!
bin/ofn-events run examples/quickstart --management-port 8080 >"$log" 2>&1 &
runtime=$!
trap 'kill -TERM $runtime $display 2>/dev/null; wait $runtime $display 2>/dev/null; echo; echo "Stopped. Runtime log: $log"' EXIT INT TERM
echo "Runtime log: $log   Health: http://localhost:8080/health/ready   Metrics: http://localhost:8080/metrics"
echo "Events appear below. A subscriber gets each event that arrives while its condition is true:"
echo "/ticks every tick (2 s), and a chime (every 10 s) within 3 s of a tick; /both the events"
echo "that arrive while a tick and a chime both happened in the last 3 s. Ctrl-C to stop."
wait $runtime
