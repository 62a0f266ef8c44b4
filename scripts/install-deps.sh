#!/usr/bin/env bash
# Installs the Debian 12 packages Cepheus needs to build and test. Idempotent: when every
# package is already installed it runs no apt command at all, so repeated runs are instant.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  antlr4 libantlr4-runtime-dev uuid-dev  # Debian's ANTLR runtime links -luuid
  libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev
  libre2-dev libcctz-dev tzdata  # the function library: regular expressions, time zones
  libboost1.81-dev libssl-dev libspdlog-dev libyaml-cpp-dev  # the server: Beast, TLS, logs, config
  libcpp-httplib-dev curl  # the server's tests (a webhook receiver), scripts/run.sh
  libhiredis-dev redis-server  # Redis tables (@store(type='redis')) and their tests
  librdkafka-dev libsimdjson-dev kcat  # Kafka sources and sinks, their JSON decoding; kcat for docs/kafka.md
  python3
  libedit-dev python3-pexpect  # cepheus shell: line editing; its pty tests
)

missing=()
for package in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ $status == installed ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages are installed"
  exit 0
fi

if ((EUID == 0)); then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: installing them needs root; run as root or install sudo" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -o DPkg::Lock::Timeout=600 "${missing[@]}"
