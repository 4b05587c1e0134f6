# Shared helpers of the scripts in this folder (sourced, not run).
# shellcheck shell=bash

log() { printf '[cxm] %s\n' "$*" >&2; }
warn() { printf '[cxm] warning: %s\n' "$*" >&2; }
die() { printf '[cxm] error: %s\n' "$*" >&2; exit 1; }

# First Debian mirror URI of this machine's apt sources (deb822 or one-line
# format), security and backports mirrors excluded.
debian_mirror() {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk 'BEGIN{RS=""; IGNORECASE=1}
             /Types:[^\n]*deb/ && !/security/ {
                 if (match($0, /URIs:[ \t]*[^ \t\n]+/)) { s=substr($0, RSTART, RLENGTH); sub(/URIs:[ \t]*/, "", s); print s; exit } }' "$f"
    done | head -1 | grep . && return 0
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
        | awk '$1=="deb" { for (i=2;i<=NF;i++) if ($i ~ /^(https?|file):/) { if ($(i+1) !~ /security|backports/) print $i; break } }' \
        | grep -iv ubuntu | head -1
}

# PostgreSQL connection for the suite: the PG* environment when given,
# otherwise a local cluster (started when down) and a role `cxm`.
# Writes the settings to .pgenv for the other scripts.
ensure_postgres() {
    local envfile="$ROOT/.pgenv"
    if [ -n "${PGHOST:-}${PGUSER:-}" ]; then
        {
            echo "export PGHOST='${PGHOST:-}' PGPORT='${PGPORT:-5432}' PGUSER='${PGUSER:-$(id -un)}' PGPASSWORD='${PGPASSWORD:-}'"
        } > "$envfile"
    elif [ ! -f "$envfile" ] || ! (source "$envfile" && psql -d postgres -tAc 'select 1' >/dev/null 2>&1); then
        command -v psql >/dev/null || die "PostgreSQL not found: install it (apt-get install postgresql) or set PGHOST/PGPORT/PGUSER/PGPASSWORD"
        if ! pg_isready -q -h 127.0.0.1 2>/dev/null; then
            if command -v pg_lsclusters >/dev/null && [ "$(id -u)" = 0 ]; then
                local ver name
                read -r ver name _ < <(pg_lsclusters -h | head -1)
                [ -n "${ver:-}" ] || die "no PostgreSQL cluster found: pg_createcluster <version> main, or set PGHOST/PGUSER"
                log "starting PostgreSQL cluster $ver/$name"
                pg_ctlcluster "$ver" "$name" start || die "pg_ctlcluster $ver $name start failed: see /var/log/postgresql/"
                for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
            else
                die "PostgreSQL is not running on 127.0.0.1: start it (sudo pg_ctlcluster <version> main start) or set PGHOST/PGPORT/PGUSER/PGPASSWORD"
            fi
        fi
        local asroot=()
        [ "$(id -u)" = 0 ] && asroot=(runuser -u postgres --)
        [ "$(id -u)" = 0 ] || asroot=(sudo -n -u postgres)
        "${asroot[@]}" psql -q -d postgres -v ON_ERROR_STOP=1 >/dev/null 2>&1 <<'SQL' \
            || die "cannot create the PostgreSQL role cxm (needs root or passwordless sudo): create it yourself (CREATE ROLE cxm LOGIN CREATEDB PASSWORD 'cxm') or set PGHOST/PGUSER/PGPASSWORD"
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cxm') THEN
    CREATE ROLE cxm LOGIN CREATEDB PASSWORD 'cxm';
  END IF;
END $$;
SQL
        echo "export PGHOST='127.0.0.1' PGPORT='5432' PGUSER='cxm' PGPASSWORD='cxm'" > "$envfile"
    fi
    # shellcheck disable=SC1090
    source "$envfile"
    psql -d postgres -tAc 'select 1' >/dev/null 2>&1 \
        || die "cannot connect to PostgreSQL as $PGUSER@${PGHOST:-local}:${PGPORT:-5432}: check PGHOST/PGPORT/PGUSER/PGPASSWORD"
}

# Load what setup prepared: PG* variables and the venv.
load_env() {
    # shellcheck disable=SC1090
    [ -f "$ROOT/.pgenv" ] && source "$ROOT/.pgenv"
    export PATH="$ROOT/.venv/bin:$PATH"
}

# Name of every addon of the suite (folders of addons/ with a manifest).
suite_modules() {
    local d out=()
    for d in "$ROOT"/addons/cxm_*/__manifest__.py; do
        [ -f "$d" ] && out+=("$(basename "$(dirname "$d")")")
    done
    local IFS=,
    echo "${out[*]}"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
