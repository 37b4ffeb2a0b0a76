#!/usr/bin/env bash
# Runs a command as on a machine with no browser installed, to check the @sparticuz/chromium
# path for real (needs root and `unshare`; nothing outside the private mount namespace changes):
#   unshare -m bash -c 'mount --make-rprivate / && scripts/fresh-machine.sh \
#     node node_modules/vitest/vitest.mjs run --project browser src/hooks/use-scroll-to-end'
# Hidden: /usr/bin/chromium and google-chrome, the NSS/NSPR libraries, /etc/fonts; TMPDIR is a
# fresh folder, so the Chromium is unpacked again. (Call node directly: /usr/bin/npx is a
# relative symlink that the stand-in /usr/bin cannot follow.)
# no /usr/bin/chromium, no NSS/NSPR libraries, no /etc/fonts, an empty temp dir.
set -euo pipefail
farm() { # farm <dir> <regex of names to hide>
  local dir=$1 hide=$2 real=/tmp/fresh-real$(echo $1 | tr / _) fake=/tmp/fresh-fake$(echo $1 | tr / _)
  rm -rf "$fake"; mkdir -p "$real" "$fake"; mount --bind "$dir" "$real"
  for f in "$real"/* "$real"/.[!.]*; do
    [ -e "$f" ] || [ -L "$f" ] || continue
    n=$(basename "$f"); [[ "$n" =~ $hide ]] && continue
    ln -s "$f" "$fake/$n"
  done
  mount --bind "$fake" "$dir"
}

farm /usr/bin '^(chromium.*|google-chrome.*)$'
farm /usr/lib/x86_64-linux-gnu '^(libnss3|libnssutil3|libsmime3|libssl3|libnspr4|libplc4|libplds4|libfreebl|libsoftokn|libnssckbi|nss)'
mount -t tmpfs none /etc/fonts
export TMPDIR=$(mktemp -d /tmp/fresh-machine-tmp.XXXXXX)
echo "fresh machine: chromium=$(ls /usr/bin/chromium 2>&1 | head -1); libnss3=$(ls /usr/lib/x86_64-linux-gnu/libnss3.so 2>&1|head -1); fonts=$(ls /etc/fonts | wc -l) files"
exec "$@"
