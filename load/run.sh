#!/usr/bin/env bash
# Dispatch load test: Switchboard against a fake Novu on 127.0.0.1 (nothing leaves the machine).
# Writes a backlog of deliveries into the outbox and measures what reaches Novu: sustained rate and the most
# requests in any one-second window, against the configured trigger limit. Exits non-zero unless the rate was
# held within 2% of the limit (busiest second at most 2% over, sustained at most 2% under). Options: --deliveries 1200 --trigger-rate 60 --workers 8 --latency-ms 20 --users 400
# --warmup-deliveries (a third of --deliveries; sent first, not measured)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q ${MAVEN_OFFLINE:+-o} test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/load-classpath.txt -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/load-classpath.txt)" \
    dev.switchboard.load.DispatchLoad "$@"
