#!/usr/bin/env bash
# Runs every test. Installs what the tests need first on Debian/Ubuntu: the real servers the
# integration tests start (nats-server, redis-server, mosquitto) and the headless browser of the
# console test (chromium); Maven fetches the rest.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
has() { command -v "$1" >/dev/null 2>&1 || [[ -x "/usr/sbin/$1" || -x "/usr/local/sbin/$1" ]]; }
has nats-server || missing+=(nats-server)
has redis-server || missing+=(redis-server)
has mosquitto || missing+=(mosquitto)
has mosquitto_pub || missing+=(mosquitto-clients)
has chromium || missing+=(chromium) # ConsoleBrowserIT drives it headless
if ((${#missing[@]})); then
  echo "Installing ${missing[*]} ..."
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts these as services where systemd runs; the tests start their own on free ports.
fi
command -v java >/dev/null || { echo "Java 17 is required (apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
command -v mvn >/dev/null || { echo "Maven is required (apt-get install maven)" >&2; exit 1; }

exec mvn -B verify "$@"
