#!/usr/bin/env bash
# Proves deploy/debian on this machine, which has no systemd running: `systemd-analyze verify` on
# the units, `nginx -t` on the site, then the units' own command lines started by hand on loopback,
# against a throwaway PostgreSQL (scripts/with-postgres), gunicorn behind nginx with a self-signed
# certificate made here, and deploy/check-site.py signing in through nginx. Only the paths change:
# /opt/tellonce/venv and /opt/tellonce/app become this checkout's .venv and folder, /var/lib/tellonce
# and /var/backups/tellonce a temporary folder, and the ports are loopback ports of its own.
# Run as root from anywhere: bash deploy/debian/check.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VENV=$(cd "$ROOT/.venv" && pwd -P)

if [ -z "${TELLONCE_CHECK_INNER:-}" ]; then
  need=()
  command -v systemd-analyze >/dev/null || need+=(systemd)
  command -v nginx >/dev/null || need+=(nginx-light)
  command -v openssl >/dev/null || need+=(openssl)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  if [ ${#need[@]} -gt 0 ]; then
    echo "==> apt-get install ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  export TELLONCE_CHECK_INNER=1
  exec bash "$ROOT/scripts/with-postgres" bash "$0" "$@"
fi

work=$(mktemp -d /tmp/tellonce-debian-check.XXXXXX)
chmod 755 "$work"
port=$((21000 + RANDOM % 9000))
web=$port https_port=$((port + 1)) http_port=$((port + 2))
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && nginx -c "$work/nginx.conf" -p "$work" -s stop 2>/dev/null || true
  wait 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# The installed paths, as this checkout has them.
localise() {
  sed -e "s|/opt/tellonce/venv|$VENV|g" -e "s|/opt/tellonce/app|$ROOT|g" \
    -e "s|/var/lib/tellonce|$work/var|g" -e "s|/var/backups/tellonce|$work/backups|g" \
    -e "s|/etc/tellonce/tellonce.env|$work/tellonce.env|g" -e "s|127.0.0.1:8000|127.0.0.1:$web|g" "$1"
}

echo "==> systemd-analyze verify"
mkdir -p "$work/units" "$work/var" "$work/backups"
for unit in tellonce-web.service tellonce-worker.service tellonce-backup.service tellonce-backup.timer; do
  localise "$HERE/$unit" >"$work/units/$unit"
done
# The units name User=tellonce, as a server has after `adduser --system tellonce`.
id tellonce >/dev/null 2>&1 || echo "(no tellonce user here: verify does not need one)"
(cd "$work/units" && systemd-analyze verify --man=no ./*.service ./*.timer) 2>&1 | sed 's/^/   /'
status=${PIPESTATUS[0]}
[ "$status" = 0 ] && echo "   verified: 4 units, no warnings" || { echo "systemd-analyze verify failed"; exit 1; }

echo "==> Self-signed certificate for localhost"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$work/privkey.pem" -out "$work/fullchain.pem" 2>/dev/null
echo "   $(openssl x509 -in "$work/fullchain.pem" -noout -subject)"

echo "==> nginx -t"
mkdir -p "$work/nginx-tmp" && chmod 777 "$work/nginx-tmp"
localise "$HERE/tellonce.nginx" | sed -e "s|listen 80;|listen 127.0.0.1:$http_port;|" \
  -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" -e '/listen \[::\]/d' \
  -e "s|/etc/tellonce/tls|$work|g" -e "s|tellonce.example.gov.uk|127.0.0.1|g" \
  -e 's|Host \$host;|Host $http_host;|' >"$work/site.conf"  # not port 443 here: the port stays in Host
cat >"$work/nginx.conf" <<EOF
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
    include /etc/nginx/mime.types;
    access_log $work/nginx-access.log;
    client_body_temp_path $work/nginx-tmp/body;
    proxy_temp_path $work/nginx-tmp/proxy;
    fastcgi_temp_path $work/nginx-tmp/fastcgi;
    uwsgi_temp_path $work/nginx-tmp/uwsgi;
    scgi_temp_path $work/nginx-tmp/scgi;
    include $work/site.conf;
}
EOF
nginx -t -c "$work/nginx.conf" -p "$work" 2>&1 | sed 's/^/   /'

echo "==> The environment file and the database"
password=$(openssl rand -hex 16)
echo "$password" >"$work/password"
localise "$HERE/tellonce.env.example" | sed \
  -e "s|^TELLONCE_SECRET_KEY=.*|TELLONCE_SECRET_KEY=$(openssl rand -hex 32)|" \
  -e "s|^DATABASE_URL=.*|DATABASE_URL=${DATABASE_URL//&/\\&}|" \
  -e "s|^TELLONCE_ALLOWED_HOSTS=.*|TELLONCE_ALLOWED_HOSTS=127.0.0.1|" \
  -e "s|^TELLONCE_CLAMAV_SOCKET=.*|TELLONCE_CLAMAV_SOCKET=|" >"$work/tellonce.env"
# As systemd reads an EnvironmentFile: KEY=VALUE a line.
load_env() {
  while IFS= read -r line; do
    case "$line" in '#'* | '') continue ;; esac
    value=${line#*=}
    value=${value#\"} && value=${value%\"}  # systemd takes the quotes off a quoted value
    export "${line%%=*}=$value"
  done <"$work/tellonce.env"
  export DJANGO_SETTINGS_MODULE=tellonce.config.settings.production
}
# A unit's ExecStart (or another key) as a shell command line: systemd's %% and $$ undone.
unit_line() {
  grep -m1 "^$2=" "$work/units/$1" | cut -d= -f2- | sed -e 's/%%/%/g' -e 's/\$\$/$/g'
}
(
  load_env
  cd "$ROOT"
  "$VENV/bin/tellonce" migrate --no-input -v 0
  "$VENV/bin/tellonce" collectstatic --no-input -v 0
  # Reported, not required: the production settings are checked by their own test.
  { "$VENV/bin/tellonce" check --deploy 2>&1 || true; } | grep -E '^\?: \(|identified' | sed 's/^/   check --deploy: /'
  "$VENV/bin/tellonce" create-admin --council 886 --council-name "Example Council" --username admin \
    --email admin@example.gov.uk --first-name First --last-name Administrator --password-stdin \
    <"$work/password" | sed 's/^/   /'
)

echo "==> tellonce-web's ExecStart, by hand"
web_line=$(unit_line tellonce-web.service ExecStart)
echo "   $web_line"
(load_env && cd "$ROOT" && exec $web_line) >"$work/gunicorn.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
  curl -s -o /dev/null "http://127.0.0.1:$web/" && break
  sleep 1
done

echo "==> tellonce-worker's ExecStart, by hand"
worker_line=$(unit_line tellonce-worker.service ExecStart)
echo "   $worker_line"
(load_env && cd "$ROOT" && exec $worker_line) >"$work/worker.log" 2>&1 &
pids+=($!)
sleep 5
if kill -0 "${pids[-1]}" 2>/dev/null; then echo "   the worker is running"; else
  echo "   the worker stopped:"; tail -n 20 "$work/worker.log"; exit 1
fi

echo "==> nginx in front, TLS on 127.0.0.1:$https_port"
nginx -c "$work/nginx.conf" -p "$work"

echo "==> Signing in through nginx (deploy/check-site.py)"
"$VENV/bin/python" "$ROOT/deploy/check-site.py" "https://127.0.0.1:$https_port" --cafile "$work/fullchain.pem" \
  --username admin --password-file "$work/password" | sed 's/^/   /'
site=${PIPESTATUS[0]}
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/accounts/sign-in/")
echo "   plain HTTP answers $status (a redirect to HTTPS)"
forwarded=$(grep -c '"GET / HTTP' "$work/gunicorn.log" || true)
echo "   gunicorn logged $forwarded request(s) for / from nginx"

echo "==> tellonce-backup's ExecStart and ExecStartPost, by hand"
backup_line=$(unit_line tellonce-backup.service ExecStart)
prune_line=$(unit_line tellonce-backup.service ExecStartPost)
(load_env && cd "$ROOT" && eval "$backup_line" && eval "$prune_line") 2>&1 | tail -n 2 | sed 's/^/   /'
ls "$work/backups"/*/manifest.json >/dev/null && echo "   backup made: $(ls "$work/backups")"

if [ "$site" != 0 ]; then
  echo "==> gunicorn's log"; tail -n 30 "$work/gunicorn.log"
  exit 1
fi
echo "==> deploy/debian checked"
