#!/usr/bin/env bash
# Installs the real-server lab's server software from Debian's packages when it is missing: nginx,
# Apache httpd, Squid, Django with Django REST framework, SimpleJWT and django-cors-headers, Flask
# with Flask-Login, libfaketime (a server whose clock is wrong), FastAPI under uvicorn, Jupyter
# Server, Radicale and RabbitMQ with its management plugin. The lab runs them itself, on
# loopback (e2e/real-lab/); the services the packages would start are kept from starting.
# Used by .ci/run, `npm test` and `npm start`. Where apt-get is missing, the real-server tests skip,
# saying what is missing.
set -euo pipefail
packages=(nginx-light apache2 squid python3-django python3-djangorestframework python3-djangorestframework-simplejwt python3-django-cors-headers python3-flask python3-flask-login faketime python3-fastapi python3-uvicorn python3-jupyter-server radicale rabbitmq-server)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The real-server lab needs ${missing[*]}, and there is no apt-get here: its tests will be skipped." >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing Debian's ${missing[*]} for the real-server lab (once)…"
# Keep the packages' own services (nginx, Apache, Squid on their usual ports) from starting: the lab starts its own.
policy=/usr/sbin/policy-rc.d
placed=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod +x "$policy"
  placed=1
fi
trap 'if [ -n "$placed" ]; then $sudo rm -f "$policy"; fi' EXIT
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
