#!/usr/bin/env bash
# Audit search benchmark (issue #6): on an H2 file (the default URL) and on an embedded PostgreSQL 14
# (synchronous_commit on), Flyway creates the schema, set-based SQL fills it with --messages generated messages
# (plus their rule decisions, deliveries and attempts; secondary indexes dropped during the load and re-created as
# they were), then Switchboard runs in its own JVM (-Xmx512m) and the searches of GET /api/events, an event's
# detail and the /audit list page are timed over HTTP as admin. Prints a Markdown table and writes it to
# target/load/audit-results.md. See load/README.md, "Audit search at 5 million messages".
# Options (defaults): --db h2,postgres --messages 5000000 --queries 30 --chunk 250000 --heap 512m
#   --dir <folder for the databases, default a new temporary one> --keep-dir (keep the databases afterwards)
#   --out target/load/audit-results.md
#   --app-args "--spring.datasource.hikari.maximum-pool-size=1" (Switchboard settings for an experiment)
#   --reuse (with --dir of an earlier --keep-dir run: search its filled H2 file again, no fill)
#   --h2-settings ";CACHE_SIZE=4096" (H2 searched again on the same file with these URL settings; several: "a|b")
#   --write-between-calls true (one /v1/track post before each timed call, untimed, as intake writes in production:
#   H2 answers a repeated query from its result cache until a table it reads is written; false measures that cache)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q ${MAVEN_OFFLINE:+-o} test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/load-classpath.txt -Dmdep.includeScope=test
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/load-classpath.txt)" \
    dev.switchboard.load.AuditLoad "$@"
