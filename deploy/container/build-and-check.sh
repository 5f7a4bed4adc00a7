#!/usr/bin/env bash
# Builds Tellonce's container image and proves it on this machine: the base image from Debian's
# packages (debootstrap of Debian 13 "trixie", then `podman import`: no public image registry is
# needed), the image from deploy/container/Containerfile, then the image run against a throwaway
# PostgreSQL on loopback (TCP, with a password), behind nginx with a self-signed certificate, and
# deploy/check-site.py signing in through it. podman runs with runc, host networking and modest
# ulimits, as it must on this machine. Run as root: bash deploy/container/build-and-check.sh
# Environment: TELLONCE_BASE_ROOTFS (a debootstrapped folder to reuse), REBUILD_BASE=1, KEEP=1.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BASE=localhost/tellonce-base:trixie
IMAGE=localhost/tellonce:latest
PODMAN=(podman --runtime runc)
LIMITS=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)

need=()
command -v podman >/dev/null || need+=(podman)
command -v runc >/dev/null || need+=(runc)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v nginx >/dev/null || need+=(nginx-light)
command -v openssl >/dev/null || need+=(openssl)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> apt-get install ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/tellonce-container-check.XXXXXX)
chmod 755 "$work"
port=$((31000 + RANDOM % 9000))
web=$port https_port=$((port + 1)) pg_port=$((port + 2))
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
containers=()
cleanup() {
  for name in "${containers[@]}"; do "${PODMAN[@]}" rm -f -t 5 "$name" >/dev/null 2>&1 || true; done
  [ -f "$work/nginx.pid" ] && nginx -c "$work/nginx.conf" -p "$work" -s stop 2>/dev/null || true
  [ -d "$work/pg" ] && runuser -u postgres -- "$BIN/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true
  if [ -n "${KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

echo "==> The base image $BASE, from Debian's packages"
if [ -z "${REBUILD_BASE:-}" ] && "${PODMAN[@]}" image exists "$BASE"; then
  echo "   already built: $("${PODMAN[@]}" image inspect "$BASE" --format '{{.Id}}' | cut -c1-12)"
else
  rootfs=${TELLONCE_BASE_ROOTFS:-$work/rootfs}
  if [ ! -x "$rootfs/usr/bin/python3" ]; then
    # Debian 13: Tellonce needs Python 3.12 or newer, and Debian 12 has 3.11.
    debootstrap --variant=minbase \
      --include=python3,python3-venv,ca-certificates,libpango-1.0-0,libpangoft2-1.0-0,fonts-dejavu-core,postgresql-client \
      trixie "$rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 \
      || { tail -n 20 "$work/debootstrap.log"; exit 1; }
  fi
  chroot "$rootfs" apt-get clean
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin
  tar -C "$rootfs" -c . | "${PODMAN[@]}" import --change 'CMD ["/bin/bash"]' - "$BASE" >/dev/null
  echo "   imported: $("${PODMAN[@]}" run --rm --network host "${LIMITS[@]}" "$BASE" python3 -V)"
fi

echo "==> The compiled GOV.UK Frontend assets"
[ -f "$ROOT/build/static/css/tellonce.css" ] || bash "$ROOT/scripts/build-assets"
echo "   $(find -L "$ROOT/build/static" -type f | wc -l) files in build/static"

echo "==> The image $IMAGE"
mkdir "$work/context"
# The checkout's tracked files as they are in the working tree, and the compiled assets.
(cd "$ROOT" && git ls-files -z | tar --null -T - -c) | tar -C "$work/context" -x
mkdir -p "$work/context/build" && cp -rL "$ROOT/build/static" "$work/context/build/static"
# Where this machine reaches PyPI through a proxy with its own certificate authority (pip's own
# setting here says which bundle), the build is lent that bundle, read-only; it is not kept.
cert=${PIP_CERT:-$(pip3 config list 2>/dev/null | sed -n "s/^global.cert='\(.*\)'$/\1/p" | head -n 1)}
ca=()
if [ -n "$cert" ] && [ -f "$cert" ]; then
  ca=(--volume "$cert:/run/build-ca.crt:ro" --build-arg PIP_CERT=/run/build-ca.crt)
  echo "   pip trusts $cert for the build"
fi
started=$(date +%s)
"${PODMAN[@]}" build --network host "${LIMITS[@]}" "${ca[@]}" -f "$HERE/Containerfile" -t "$IMAGE" "$work/context" \
  >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log"; exit 1; }
echo "   built in $(($(date +%s) - started)) s: $("${PODMAN[@]}" image inspect "$IMAGE" --format '{{.Id}} {{.Size}}' | awk '{printf "%s, %d MB", substr($1,1,12), $2/1e6}')"
echo "   runs as: $("${PODMAN[@]}" run --rm --network host "${LIMITS[@]}" "$IMAGE" id)"

echo "==> PostgreSQL on 127.0.0.1:$pg_port, with a password"
mkdir "$work/pg" && chown postgres "$work/pg"
pg_password=$(openssl rand -hex 16)
echo "$pg_password" >"$work/pg/pwfile" && chown postgres "$work/pg/pwfile"
runuser -u postgres -- "$BIN/initdb" -D "$work/pg/data" -U tellonce --pwfile="$work/pg/pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$BIN/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
runuser -u postgres -- "$BIN/createdb" -h "$work/pg" -p "$pg_port" -U tellonce tellonce
echo "   $("$BIN/postgres" --version)"

password=$(openssl rand -hex 16)
echo "$password" >"$work/password"
env=(
  -e "DATABASE_URL=postgres://tellonce:$pg_password@127.0.0.1:$pg_port/tellonce"
  -e "TELLONCE_SECRET_KEY=$(openssl rand -hex 32)"
  -e "TELLONCE_ALLOWED_HOSTS=127.0.0.1"
  -e "TELLONCE_TRUSTED_PROXIES=1"
)
run=("${PODMAN[@]}" run --network host "${LIMITS[@]}" -v "$work/uploads:/var/lib/tellonce/uploads:U" "${env[@]}")
mkdir "$work/uploads"

echo "==> tellonce migrate and create-admin, in the image"
"${run[@]}" --rm "$IMAGE" tellonce migrate --no-input -v 0 2>&1 | grep -v -E '^(System check|WARNINGS|\?: \(tellonce|\s+HINT|$)' || true
"${run[@]}" --rm -i "$IMAGE" tellonce create-admin --council 886 --council-name "Example Council" \
  --username admin --email admin@example.gov.uk --first-name First --last-name Administrator \
  --password-stdin <"$work/password" 2>/dev/null | sed 's/^/   /'

echo "==> The web server (the image's command) on 127.0.0.1:$web"
name=tellonce-check-web-$port
"${run[@]}" -d --name "$name" -e "GUNICORN_CMD_ARGS=--bind 127.0.0.1:$web" "$IMAGE" >/dev/null
containers+=("$name")
for _ in $(seq 60); do
  curl -s -o /dev/null "http://127.0.0.1:$web/" && break
  sleep 1
done

echo "==> The worker (tellonce worker)"
"${run[@]}" -d --name "tellonce-check-worker-$port" "$IMAGE" tellonce worker >/dev/null
containers+=("tellonce-check-worker-$port")
sleep 5
state=$("${PODMAN[@]}" inspect "tellonce-check-worker-$port" --format '{{.State.Status}}')
echo "   the worker is $state"
[ "$state" = running ] || { "${PODMAN[@]}" logs "tellonce-check-worker-$port" | tail -n 20; exit 1; }

echo "==> nginx in front, TLS on 127.0.0.1:$https_port"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$work/privkey.pem" -out "$work/fullchain.pem" 2>/dev/null
mkdir -p "$work/nginx-tmp" && chmod 777 "$work/nginx-tmp"
sed -e "s|127.0.0.1:8000|127.0.0.1:$web|" -e "/listen 80;/d" -e '/listen \[::\]/d' \
  -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" \
  -e "s|/etc/tellonce/tls|$work|g" -e "s|tellonce.example.gov.uk|127.0.0.1|g" \
  -e 's|Host \$host;|Host $http_host;|' "$ROOT/deploy/debian/tellonce.nginx" >"$work/site.conf"
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
nginx -c "$work/nginx.conf" -p "$work"

echo "==> Signing in through nginx (deploy/check-site.py)"
python3 "$ROOT/deploy/check-site.py" "https://127.0.0.1:$https_port" --cafile "$work/fullchain.pem" \
  --username admin --password-file "$work/password" | sed 's/^/   /'
site=${PIPESTATUS[0]}
if [ "$site" != 0 ]; then
  echo "==> The web container's log"; "${PODMAN[@]}" logs "$name" 2>&1 | tail -n 30
  exit 1
fi
echo "==> deploy/container checked"
