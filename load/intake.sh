#!/usr/bin/env bash
# Intake load test (issue #4): Switchboard in its own JVM (-Xmx512m) against a fake Novu on 127.0.0.1, on an H2
# file and on an embedded PostgreSQL, with 40 published rules. Measures the parse and storage floors, /v1/batch
# intake and /v1/track at a fixed rate with the dispatcher off, then (restarted on the same database) dispatch
# against the trigger limit and /v1/track while it drains, CPU per event and peak heap; prints a Markdown table
# and writes it to target/load/intake-results.md. `--mode kill` runs the kill -9 check instead.
# Options (defaults): --db h2,postgres --clients 8 --batch 100 --seconds 20 --warmup-seconds 8 (30 without the parse phase) --track-rate 1000
#   --track-seconds 60 --track-warmup-seconds 30 --trigger-rate 600 --drain-seconds 20 --dispatch-warmup-seconds 60 --latency-ms 5 --workers 16
#   --ids realistic (random messageIds and anonymousIds, --users 100000 people; `sequential`: ids that count up, as
#   the runs before 2026-11-29 20:00 sent, which spare the databases' indexes most of their work)
#   --schema full (`minimal`: an experiment, every secondary index of intake's tables dropped but de-duplication's,
#   for the upper bound of /v1/batch against its storage floor; load/README.md)
#   --keep-databases false (the H2 file is deleted once measured, its size printed first; the embedded PostgreSQL
#   deletes its own)
#   --heap 512m --rounds 1 (N alternating storage-floor and /v1/batch phases, with their median share)
#   --pg-server-settings "backend_flush_after=256kB" (PostgreSQL server settings beyond the stock ones)
#   --pg-statements 0 (N > 0: PostgreSQL's N costliest statements after each measured intake phase, from
#   pg_stat_statements)
#   --settle-disk true (sync before each measured phase, so it starts on a quiet disk; false: the previous phase's
#   writeback lands in it)
#   --app-args "--extra.switchboard=args" --jvm-args "-XX:StartFlightRecording=..."   kill mode: --mode kill --db h2 --clients 4 --kill-after-seconds 8
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q ${MAVEN_OFFLINE:+-o} test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/load-classpath.txt -Dmdep.includeScope=test
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/load-classpath.txt)" \
    dev.switchboard.load.IntakeLoad "$@"
