#!/usr/bin/env bash
# A throw-away Dovecot IMAP server for tests, from Debian's packages.
#   dovecot.sh start DIR PORT USER PASSWORD   → config, maildir and logs under DIR; IMAP on 127.0.0.1:PORT
#   dovecot.sh stop DIR
# Exit 3 when Dovecot is missing and cannot be installed (the caller skips its test then).
set -euo pipefail

cmd=${1:?usage: dovecot.sh start|stop DIR [PORT USER PASSWORD]}
dir=${2:?directory required}

ensure_installed() {
  command -v dovecot >/dev/null 2>&1 && return 0
  export DEBIAN_FRONTEND=noninteractive
  # The package's own service start is refused in containers (policy-rc.d); that is fine, we start our own.
  if ! apt-get install -y -q dovecot-imapd >/dev/null 2>&1; then
    apt-get update -q >/dev/null 2>&1 || true
    apt-get install -y -q dovecot-imapd >/dev/null 2>&1 || true
  fi
  command -v dovecot >/dev/null 2>&1 || { echo "dovecot-imapd could not be installed" >&2; exit 3; }
}

case "$cmd" in
  start)
    port=${3:?port required}
    user=${4:?user required}
    password=${5:?password required}
    ensure_installed
    # Dovecot refuses to give mail to root; the package's own "dovecot" account owns the maildir.
    mail_uid=$(id -u dovecot)
    mail_gid=$(id -g dovecot)
    mkdir -p "$dir/run" "$dir/home/$user/Maildir"
    chmod 755 "$dir"
    chown -R "$mail_uid:$mail_gid" "$dir/home"
    printf '%s:{PLAIN}%s\n' "$user" "$password" >"$dir/passwd"
    cat >"$dir/dovecot.conf" <<EOF
base_dir = $dir/run
state_dir = $dir/run
log_path = $dir/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = $mail_uid
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/passwd
}
userdb {
  driver = static
  args = uid=$mail_uid gid=$mail_gid home=$dir/home/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
EOF
    # Detached from our stdio: the daemon must not hold the caller's pipes open.
    dovecot -c "$dir/dovecot.conf" </dev/null >/dev/null 2>&1
    for _ in $(seq 1 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then exit 0; fi
      sleep 0.1
    done
    echo "dovecot did not start listening on $port:" >&2
    cat "$dir/dovecot.log" >&2 || true
    exit 1
    ;;
  stop)
    if [ -f "$dir/dovecot.conf" ]; then doveadm -c "$dir/dovecot.conf" stop >/dev/null 2>&1 || true; fi
    ;;
  *)
    echo "unknown command $cmd" >&2
    exit 64
    ;;
esac
