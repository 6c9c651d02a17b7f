# A throw-away PostgreSQL server on loopback for the test run: its own data directory and port,
# stopped when the run ends. Sourced by .ci/run; exports DESKAPP_TEST_POSTGRES for the tests.

start_postgres() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$bin" ]; then
        echo "installing Debian's postgresql package for the PostgreSQL tests ..."
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    PG_DIR=$(mktemp -d /tmp/deskapp-ci-pg.XXXXXX)
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # The server refuses to run as root: as root, run it as the package's postgres user.
    local as=()
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$PG_DIR"
        as=(runuser -u postgres --)
    fi
    PG_CTL=("${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data")
    "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -A trust -U postgres >/dev/null
    "${PG_CTL[@]}" -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" -l "$PG_DIR/log" -w start >/dev/null
    trap stop_postgres EXIT
    export DESKAPP_TEST_POSTGRES="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running on 127.0.0.1:$port for the tests"
}

stop_postgres() {
    "${PG_CTL[@]}" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
