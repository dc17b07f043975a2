#!/usr/bin/env bash
# Peak resident memory (VmHWM) of each service under load, with its JVM sized as in its container:
# -XX:MaxRAM = the Deployment's memory limit (k8s/base/<service>/service.yaml), and the ConfigMap's
# -XX:MaxRAMPercentage=60. Starts its own stack on ports of its own (state in deploy/target/memory-stack),
# runs deploy/load.py, prints each service's peak next to its limit, stops the stack.
# Usage: deploy/measure-memory.sh [LEADS]   (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
LEADS=${1:-20000}
export STACK_DIR=$PWD/deploy/target/memory-stack STACK_PORT_OFFSET=30000 PG_PORT=35432 AMQP_PORT=35672 \
  KEYCLOAK_PORT=38180 KEYCLOAK_MANAGEMENT_PORT=39180 SMTP_PORT=33025 MAIL_WEB_PORT=38025
SERVICES=$(awk '!/^[[:space:]]*(#|$)/ {print $1}' services.manifest)

# the limit of a service's container, in MiB
limit_mib() {
  local limit
  limit=$(awk '/limits:/ {in_limits=1} in_limits && /memory:/ {print $2; exit}' "k8s/base/$1/service.yaml")
  case $limit in *Gi) echo $(( ${limit%Gi} * 1024 )) ;; *Mi) echo "${limit%Mi}" ;; *) echo "unknown limit $limit" >&2; exit 1 ;; esac
}

for s in $SERVICES; do
  export "$(echo "$s" | tr '[:lower:]-' '[:upper:]_')_JAVA_OPTS=-XX:MaxRAM=$(limit_mib "$s")m -XX:MaxRAMPercentage=60"
done
./stack up
trap './stack down' EXIT
python3 deploy/load.py "http://127.0.0.1:$((8081 + STACK_PORT_OFFSET))" \
  "http://127.0.0.1:$KEYCLOAK_PORT/realms/lead-handoff/protocol/openid-connect/token" "$LEADS"
sleep 30 # let the chain drain: routing, SLA and reporting work through what scoring published
printf '%-10s %12s %12s\n' service "peak RSS" limit
for s in $SERVICES; do
  pid=$(cat "$STACK_DIR/pids/$s.pid")
  printf '%-10s %9s MiB %8s MiB\n' "$s" "$(( $(awk '/VmHWM/ {print $2}' "/proc/$pid/status") / 1024 ))" "$(limit_mib "$s")"
done
