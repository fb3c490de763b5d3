#!/usr/bin/env bash
# Makes sure the pg_service "imis" reaches a PostGIS database.
#
# When the user has pointed the service (or IMIS_DSN) at a shared server we only check
# that it answers. Otherwise we run a PostgreSQL cluster of our own ("15/imis", Debian's
# pg_createcluster), with a login role named after the OS user (peer authentication, so no
# password is stored anywhere) that owns database "imis".
set -euo pipefail

service=${IMIS_SERVICE:-imis}
port=${IMIS_PGPORT:-5439}
pgver=15
cluster=imis
service_file=${PGSERVICEFILE:-$HOME/.pg_service.conf}
marker="# managed by IMIS-customer 'make db': local development cluster"
role=$(id -un)

run_as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
run_as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}
check_reachable() {
  psql "$1" -X -q -t -c "SELECT 'PostGIS ' || postgis_lib_version()" \
    || { echo "The database '$1' does not answer or has no PostGIS; see README 'Shared database'." >&2; exit 1; }
}

if [ -n "${IMIS_DSN:-}" ]; then
  check_reachable "$IMIS_DSN"; exit 0
fi
if grep -qE "^\[$service\]" "$service_file" 2>/dev/null \
   && ! grep -B1 -E "^\[$service\]" "$service_file" | grep -qF "$marker"; then
  echo "Using the shared database of pg_service '$service' ($service_file)."
  check_reachable "service=$service"; exit 0
fi

if ! pg_lsclusters -h | awk -v v=$pgver -v c=$cluster '$1==v && $2==c {found=1} END {exit !found}'; then
  echo "Creating PostgreSQL cluster $pgver/$cluster on port $port"
  # Memory for a city-scale register (make bench): the defaults (128 MB) leave it disk-bound.
  run_as_root pg_createcluster $pgver $cluster -p "$port" \
    -o shared_buffers=1GB -o max_wal_size=4GB \
    -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
fi
port=$(pg_lsclusters -h | awk -v v=$pgver -v c=$cluster '$1==v && $2==c {print $3}')
if ! pg_lsclusters -h | awk -v v=$pgver -v c=$cluster '$1==v && $2==c && $4 ~ /online/ {found=1} END {exit !found}'; then
  run_as_root pg_ctlcluster $pgver $cluster start
fi
for _ in $(seq 30); do pg_isready -q -h /var/run/postgresql -p "$port" && break; sleep 1; done

PGOPTIONS="-c client_min_messages=warning" run_as_postgres psql -X -q -p "$port" -v ON_ERROR_STOP=1 -v role="$role" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB CREATEROLE', :'role')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
\c template1
CREATE EXTENSION IF NOT EXISTS postgis;
SELECT format('CREATE DATABASE imis OWNER %I', :'role')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'imis') \gexec
\c imis
CREATE EXTENSION IF NOT EXISTS postgis;
SQL

if ! grep -qE "^\[$service\]" "$service_file" 2>/dev/null; then
  printf '\n%s\n[%s]\nhost=/var/run/postgresql\nport=%s\ndbname=imis\n' \
    "$marker" "$service" "$port" >> "$service_file"
  echo "Added pg_service '$service' to $service_file"
fi
check_reachable "service=$service"
