#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the store's tests (core/store), bound to 127.0.0.1.
#
#   eval "$(scripts/pg-cluster.sh start)"   start one; prints the two export lines it needs:
#                                           HUZHU_PG_URL (the tests' server) and HUZHU_PG_DIR
#   scripts/pg-cluster.sh stop [DIR]        stop the cluster in DIR (default $HUZHU_PG_DIR) and
#                                           remove it
#   scripts/pg-cluster.sh run -- CMD...     start, run CMD with both set, stop whatever happens
#
# Installs Debian's `postgresql` when no server is found (as root: `apt-get`), without the
# default cluster it would otherwise create and start. `initdb` runs as the `postgres` user when
# we are root (PostgreSQL refuses to run as root), as ourselves otherwise. The cluster lives in
# a fresh /tmp/huzhu-pg.* directory (data, socket, log), listens on a free port on 127.0.0.1
# only, trusts local connections (nothing else can reach it), and holds one database, `huzhu`.
# Everything it prints besides the export lines goes to standard error.
set -euo pipefail

log() { echo "pg-cluster: $*" >&2; }

server_bin() {
  local d best=""
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && best="$d"
  done
  echo "$best"
}

install_postgresql() {
  if [ "$(id -u)" -ne 0 ]; then
    log "PostgreSQL is not installed and we are not root: install Debian's postgresql package"
    exit 1
  fi
  log "installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # The package would create and start a cluster of its own on port 5432: not wanted.
  apt-get install -y -qq postgresql-common >&2
  mkdir -p /etc/postgresql-common
  if ! grep -qs '^create_main_cluster *= *false' /etc/postgresql-common/createcluster.conf; then
    echo "create_main_cluster = false" >>/etc/postgresql-common/createcluster.conf
  fi
  apt-get install -y -qq postgresql >&2
}

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local bin dir port tries
  bin=$(server_bin)
  if [ -z "$bin" ]; then
    install_postgresql
    bin=$(server_bin)
    [ -n "$bin" ] || { log "no initdb found after installing postgresql"; exit 1; }
  fi
  dir=$(mktemp -d /tmp/huzhu-pg.XXXXXX)
  # Remove the half-made cluster if anything below fails.
  trap 'as_server_user "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"' ERR
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
  as_server_user "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
    --no-locale --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; false; }
  for tries in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    port_free "$port" || continue
    if as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >&2; then
      break
    fi
    port=""
  done
  [ -n "$port" ] || { log "could not start the server"; cat "$dir/server.log" >&2; false; }
  as_server_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres huzhu
  trap - ERR
  log "started PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port in $dir"
  echo "export HUZHU_PG_URL=postgresql://postgres@127.0.0.1:$port/huzhu"
  echo "export HUZHU_PG_DIR=$dir"
}

stop() {
  local dir=${1:-${HUZHU_PG_DIR:-}} bin
  case "$dir" in
    /tmp/huzhu-pg.*) ;;
    "") log "nothing to stop (HUZHU_PG_DIR is not set)"; return 0 ;;
    *) log "refusing to remove $dir: not a cluster made by this script"; return 1 ;;
  esac
  [ -d "$dir" ] || return 0
  bin=$(server_bin)
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_server_user "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >&2 ||
      as_server_user "$bin/pg_ctl" -D "$dir/data" -m immediate stop >&2 || true
  fi
  rm -rf "$dir"
  log "stopped and removed $dir"
}

case "${1:-}" in
  start) start ;;
  stop) shift; stop "$@" ;;
  run)
    shift
    [ "${1:-}" = "--" ] && shift
    eval "$(start)"
    trap 'stop' EXIT
    "$@"
    ;;
  *)
    echo "usage: $0 start | stop [DIR] | run -- COMMAND..." >&2
    exit 2
    ;;
esac
