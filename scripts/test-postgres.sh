#!/usr/bin/env bash
# The whole suite on PostgreSQL: a throwaway cluster (scripts/postgres-cluster.sh) on a free port,
# TEST_DATABASE_URL pointing at it, vitest, then the cluster is stopped and removed. With
# TEST_DATABASE_URL already set (a server of your own), that server is used instead.
# Extra arguments go to vitest (e.g. a test file).
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  dir=$(mktemp -d /tmp/tracker-pg-XXXXXX) && chmod 755 "$dir"
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  TEST_DATABASE_URL=$(scripts/postgres-cluster.sh start "$dir/data" "$port") || exit 1
  export TEST_DATABASE_URL
  trap 'scripts/postgres-cluster.sh stop "$dir/data"; rm -rf "$dir"' EXIT
fi
npx vitest run --config tests/vitest.config.ts "$@"
