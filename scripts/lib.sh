# Shared helpers of the scripts in this folder (sourced, not run).
# shellcheck shell=bash

log() { printf '[cxm] %s\n' "$*" >&2; }
warn() { printf '[cxm] warning: %s\n' "$*" >&2; }
die() { printf '[cxm] error: %s\n' "$*" >&2; exit 1; }

# Installed as the ERR trap of the scripts that run under `set -e`: a command
# that fails unexpectedly names itself instead of ending the script silently.
on_error() {
    local rc=$1 line=$2 cmd=$3 where=${4:-main}
    [ "${BASH_SUBSHELL:-0}" -eq 0 ] || return 0
    printf '[cxm] error: %s stopped (exit %s) at line %s (%s): %s\n' \
        "$(basename "$0")" "$rc" "$line" "$where" "$cmd" >&2
    printf '[cxm] what to do: the output above names the cause; if it does not, run `bash -x %s` to see every step, and report it with that output\n' \
        "${0#"$ROOT"/}" >&2
}
trap_errors() {
    set -E
    trap 'on_error "$?" "$LINENO" "$BASH_COMMAND" "${FUNCNAME[0]:-main}"' ERR
}

# First Debian mirror URI of this machine's apt sources (deb822 or one-line
# format), security and backports mirrors excluded. Prints nothing (and
# succeeds) when there is none. Missing files are normal: a fresh debootstrap
# has only /etc/apt/sources.list and an empty sources.list.d/.
debian_mirror() {
    local f files=() uri=""
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        uri=$(awk 'BEGIN{RS=""; IGNORECASE=1}
             /Types:[^\n]*deb/ && !/security/ {
                 if (match($0, /URIs:[ \t]*[^ \t\n]+/)) { s=substr($0, RSTART, RLENGTH); sub(/URIs:[ \t]*/, "", s); print s; exit } }' "$f" || true)
        [ -n "$uri" ] && { echo "$uri"; return 0; }
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] && files+=("$f")
    done
    [ "${#files[@]}" -gt 0 ] || return 0
    awk '$1=="deb" { for (i=2;i<=NF;i++) if ($i ~ /^(https?|file):/) { if ($(i+1) !~ /security|backports/) print $i; break } }' "${files[@]}" \
        | { grep -iv ubuntu || true; } | head -1
}

is_root() { [ "$(id -u)" = 0 ]; }

# apt-get install as root, quietly, its output in $CACHE/apt-<name>.log.
# Without a running init system (chroot, container) packages must not start
# services: setup starts what it needs itself (policy-rc.d, Debian's mechanism).
apt_install() {
    local name=$1; shift
    local logf="$CACHE/apt-$name.log" policy=/usr/sbin/policy-rc.d added_policy=""
    if [ ! -d /run/systemd/system ] && [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && added_policy=1
    fi
    local rc=0
    {
        if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -720 2>/dev/null | head -1)" ]; then
            apt-get update -q
        fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
    } >"$logf" 2>&1 || rc=$?
    [ -z "$added_policy" ] || rm -f "$policy"
    [ "$rc" -eq 0 ] || die "apt-get install $* failed (see $logf): check the network and this machine's apt sources, or install it yourself and run scripts/setup again"
}

# PostgreSQL connection for the suite. Each PG* variable is honoured on its
# own; what is not given defaults to a local server on 127.0.0.1:5432 and a
# role `cxm` (password cxm). When that server is local and setup runs as
# root, setup installs PostgreSQL (Debian package), creates and starts a
# cluster on that port when there is none, and creates the role. Writes the
# settings to .pgenv for the other scripts (they are remembered: a later run
# without PG* variables uses them again).
ensure_postgres() {
    local envfile="$ROOT/.pgenv" given=""
    [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}${PGPASSWORD:-}" ] && given=1
    if [ -z "$given" ] && [ -f "$envfile" ] && command -v psql >/dev/null \
        && (source "$envfile" && psql -w -d postgres -tAc 'select 1' >/dev/null 2>&1); then
        # shellcheck disable=SC1090
        source "$envfile"
        return 0
    fi
    if [ -z "$given" ] && [ -f "$envfile" ]; then
        # shellcheck disable=SC1090
        source "$envfile"
    fi
    local host="${PGHOST:-127.0.0.1}" port="${PGPORT:-5432}" user="${PGUSER:-cxm}" pass="${PGPASSWORD:-}"
    [ -n "${PGPASSWORD+x}" ] || [ "$user" != cxm ] || pass=cxm
    export PGHOST="$host" PGPORT="$port" PGUSER="$user"
    if [ -n "$pass" ]; then export PGPASSWORD="$pass"; else unset PGPASSWORD; fi
    local where="$user@$host:$port" local_host=""
    case "$host" in 127.0.0.1|localhost|::1|/*) local_host=1 ;; esac

    if ! command -v psql >/dev/null; then
        if ! is_root; then
            die "PostgreSQL not found: install it (sudo apt-get install postgresql) and run scripts/setup again, or point PGHOST/PGPORT/PGUSER/PGPASSWORD at a server (psql needed: apt-get install postgresql-client)"
        elif [ -n "$local_host" ]; then
            log "installing PostgreSQL (apt package postgresql; log: $CACHE/apt-postgresql.log)"
            apt_install postgresql postgresql
        else
            log "installing the PostgreSQL client (apt package postgresql-client)"
            apt_install postgresql-client postgresql-client
        fi
    fi
    psql -w -d postgres -tAc 'select 1' >/dev/null 2>"$CACHE/pg-connect.log" && { write_pgenv "$envfile"; return 0; }
    [ -n "$local_host" ] \
        || die "cannot connect to PostgreSQL as $where: $(grep -m1 . "$CACHE/pg-connect.log"). Check PGHOST/PGPORT/PGUSER/PGPASSWORD"

    local_cluster "$port"
    psql -w -d postgres -tAc 'select 1' >/dev/null 2>"$CACHE/pg-connect.log" && { write_pgenv "$envfile"; return 0; }
    [ -n "$pass" ] || die "cannot connect as $user ($(grep -m1 . "$CACHE/pg-connect.log")): set PGPASSWORD too, setup then creates the role $user with that password"
    # Role of the suite, created as the postgres superuser over the cluster's socket.
    local asroot=(runuser -u postgres --)
    is_root || asroot=(sudo -n -u postgres)
    local sqlpass=${pass//\'/\'\'}
    if ! env -u PGHOST -u PGUSER -u PGPASSWORD -u PGDATABASE "${asroot[@]}" psql -q -p "$port" -d postgres -v ON_ERROR_STOP=1 \
        >"$CACHE/pg-role.log" 2>&1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${user//\'/\'\'}') THEN
    CREATE ROLE "${user//\"/\"\"}" LOGIN CREATEDB PASSWORD '$sqlpass';
    RAISE NOTICE 'created';
  END IF;
END \$\$;
SQL
    then
        die "cannot create the PostgreSQL role $user on port $port (needs root or passwordless sudo; see $CACHE/pg-role.log): create it yourself (CREATE ROLE $user LOGIN CREATEDB PASSWORD '...') or set PGHOST/PGPORT/PGUSER/PGPASSWORD"
    fi
    grep -q created "$CACHE/pg-role.log" && log "created the PostgreSQL role $user (login, createdb) on port $port"
    psql -w -d postgres -tAc 'select 1' >/dev/null 2>"$CACHE/pg-connect.log" \
        || die "cannot connect to PostgreSQL as $where: $(head -1 "$CACHE/pg-connect.log"). Check PGUSER/PGPASSWORD (the role may exist with another password) or pg_hba.conf"
    write_pgenv "$envfile"
}

write_pgenv() {
    {
        printf 'export PGHOST=%q PGPORT=%q PGUSER=%q\n' "$PGHOST" "$PGPORT" "$PGUSER"
        if [ -n "${PGPASSWORD:-}" ]; then printf 'export PGPASSWORD=%q\n' "$PGPASSWORD"; fi
    } > "$1"
}

# A running local cluster (Debian's postgresql-common) on port $1: started
# when it is down, created when there is none (as root; no systemd needed).
local_cluster() {
    local port=$1 ver="" name="" status=""
    command -v pg_lsclusters >/dev/null \
        || die "nothing answers on 127.0.0.1:$port and this PostgreSQL has no pg_lsclusters (not Debian's): start your server, or set PGHOST/PGPORT/PGUSER/PGPASSWORD"
    read -r ver name status < <(pg_lsclusters -h | awk -v p="$port" '$3 == p {print $1, $2, $4; exit}') || true
    if [ -z "$ver" ]; then
        is_root || die "no PostgreSQL cluster on port $port: create one (sudo pg_createcluster --port $port --start <version> <name>) or set PGPORT to the port of yours"
        ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1)
        [ -n "$ver" ] || die "no PostgreSQL server installed: apt-get install postgresql, then run scripts/setup again"
        name=main
        pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" {f=1} END {exit !f}' && name="cxm$port"
        log "creating the PostgreSQL cluster $ver/$name on port $port"
        pg_createcluster --port "$port" "$ver" "$name" >"$CACHE/pg-createcluster.log" 2>&1 \
            || { tail -5 "$CACHE/pg-createcluster.log" >&2; die "pg_createcluster $ver $name --port $port failed (above; full log: $CACHE/pg-createcluster.log)"; }
        status=down
    fi
    case "$status" in
        online*) ;;
        *)
            is_root || die "the PostgreSQL cluster $ver/$name (port $port) is down: start it (sudo pg_ctlcluster $ver $name start) and run scripts/setup again"
            log "starting the PostgreSQL cluster $ver/$name on port $port"
            pg_ctlcluster "$ver" "$name" start >"$CACHE/pg-start.log" 2>&1 \
                || die "pg_ctlcluster $ver $name start failed: $(tail -1 "$CACHE/pg-start.log") (see /var/log/postgresql/postgresql-$ver-$name.log; is port $port taken by another server? then set PGPORT to a free port)"
            ;;
    esac
    local _
    for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p "$port" && return 0; sleep 0.5; done
    die "PostgreSQL cluster $ver/$name does not answer on 127.0.0.1:$port (see /var/log/postgresql/postgresql-$ver-$name.log)"
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
