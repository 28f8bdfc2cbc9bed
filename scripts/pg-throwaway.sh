#!/usr/bin/env bash
# A throw-away PostgreSQL cluster in a temp dir on a free port (never the system service).
#   eval "$(scripts/pg-throwaway.sh start)"   → exports PG_TMP, PG_PORT, PG_URL
#   scripts/pg-throwaway.sh stop "$PG_TMP"
set -euo pipefail

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/postgres" ] && { echo "$d"; return 0; }
  done
  return 1
}

case "${1:-}" in
  start)
    BIN=$(pg_bin) || { echo "echo 'PostgreSQL server binaries not found (apt-get install postgresql)' >&2; exit 1"; exit 1; }
    TMP=$(mktemp -d /tmp/undersigned-pg.XXXXXX)
    PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    # initdb refuses to run as root: the cluster belongs to an unprivileged user when we are root.
    RUN=()
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
      chown -R postgres "$TMP"
      RUN=(runuser -u postgres --)
    fi
    "${RUN[@]}" "$BIN/initdb" -D "$TMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$TMP/initdb.log" 2>&1 \
      || "${RUN[@]}" "$BIN/initdb" -D "$TMP/data" -U postgres --auth=trust -E UTF8 >"$TMP/initdb.log" 2>&1
    "${RUN[@]}" "$BIN/pg_ctl" -D "$TMP/data" -l "$TMP/postgres.log" -w -t 60 \
      -o "-p $PORT -k $TMP -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off" start >/dev/null
    echo "export PG_TMP=$TMP PG_PORT=$PORT PG_BIN=$BIN PG_URL=postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    TMP=${2:?usage: stop PG_TMP}
    BIN=$(pg_bin)
    RUN=()
    [ "$(id -u)" = 0 ] && RUN=(runuser -u postgres --)
    [ -d "$TMP/data" ] && "${RUN[@]}" "$BIN/pg_ctl" -D "$TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$TMP"
    ;;
  *)
    echo "usage: $0 start | stop PG_TMP" >&2
    exit 2
    ;;
esac
