#!/usr/bin/env bash
# Builds the gateway and the benchmark with Maven, then runs the benchmark on this machine, loopback only.
#   bench/run.sh                     every scenario, full length (about ten minutes)
#   bench/run.sh --quick             smoke run for CI (under a minute once built)
#   bench/run.sh --scenarios unary-c1,stream-200 --duration 20 --jfr
#   bench/run.sh --help              all options
# Reports go to bench/results/latest.md and latest.json; gateway logs, configurations and flight
# recordings to bench/results/tmp/. Exit status: 0 ok, 1 some calls failed, 2 bad options or no build.
# BENCH_SKIP_BUILD=1 skips the build; BENCH_JAVA_OPTS sets the load driver's JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -ntp -q -DskipTests -pl server,bench -am package
fi
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM options.
exec java ${BENCH_JAVA_OPTS:--Xms1g -Xmx2g} -jar bench/target/llm-gateway-bench.jar "$@"
