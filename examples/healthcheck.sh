#!/bin/sh
# A health check for twinbgp (or ExaBGP): announce a service address while the service is
# healthy, withdraw it when it is not. twinbgp runs this as a process (see healthcheck.conf),
# reads its commands from stdout and answers each one with "done" or "error" on stdin.
#
# Settings (environment, e.g. "run /usr/bin/env SERVICE_IP=192.0.2.10 /bin/sh healthcheck.sh;"):
#   SERVICE_IP  the address to announce as a /32          (default 192.0.2.10)
#   NEXT_HOP    its next hop; "self" = the local-address  (default self)
#   CHECK       a shell command; exit 0 means healthy     (default: a web server answers on 127.0.0.1:8080)
#   INTERVAL    seconds between checks                     (default 2)
#   RISE, FALL  consecutive results needed to change state (default 2 and 2)

SERVICE_IP=${SERVICE_IP:-192.0.2.10}
NEXT_HOP=${NEXT_HOP:-self}
CHECK=${CHECK:-"curl -sf -o /dev/null --max-time 2 http://127.0.0.1:8080/"}
INTERVAL=${INTERVAL:-2}
RISE=${RISE:-2}
FALL=${FALL:-2}

# Sends one command and waits for its acknowledgement. When stdin closes, the speaker is gone: stop.
send() {
    echo "$1"
    read -r ack || exit 0
    [ "$ack" = done ] || echo "healthcheck: '$1' was answered '$ack'" >&2
}

state=down
ok=0
failed=0
while :; do
    if sh -c "$CHECK" >/dev/null 2>&1; then
        ok=$((ok + 1)); failed=0
    else
        failed=$((failed + 1)); ok=0
    fi
    if [ "$state" = down ] && [ "$ok" -ge "$RISE" ]; then
        send "announce route $SERVICE_IP/32 next-hop $NEXT_HOP"
        state=up
        echo "healthcheck: $SERVICE_IP is up, announced" >&2
    elif [ "$state" = up ] && [ "$failed" -ge "$FALL" ]; then
        send "withdraw route $SERVICE_IP/32"
        state=down
        echo "healthcheck: $SERVICE_IP is down, withdrawn" >&2
    fi
    sleep "$INTERVAL"
done
