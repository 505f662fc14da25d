#!/usr/bin/env bash
# Starts the telemetry job in application mode (the image's `standalone-job`), passing "$@" to the
# job's main method.
#
# Without high availability, a standalone application cluster restarts its job from scratch with
# the fixed job id 000…0, whose new checkpoints then collide with the retained ones in the volume.
# So every start gets a fresh job id and, unless FLINK_RESUME_FROM_CHECKPOINT=false, resumes from
# the newest retained checkpoint or savepoint in /opt/flink/data (a stop-with-savepoint before an
# upgrade leaves a savepoint as the newest).
set -euo pipefail

data_dir=/opt/flink/data
restore_args=()
if [[ "${FLINK_RESUME_FROM_CHECKPOINT:-true}" == "true" ]]; then
  latest_metadata=$(ls -1t "$data_dir"/checkpoints/*/chk-*/_metadata \
    "$data_dir"/savepoints/savepoint-*/_metadata 2>/dev/null | head -n 1 || true)
  if [[ -n "$latest_metadata" ]]; then
    restore_args=(--fromSavepoint "$(dirname "$latest_metadata")")
    echo "Resuming from $(dirname "$latest_metadata")"
  fi
fi

job_id=$(tr -d '-' </proc/sys/kernel/random/uuid)

exec /docker-entrypoint.sh standalone-job \
  --job-classname dev.telemetry.job.TelemetryAnomalyJob \
  --job-id "$job_id" \
  "${restore_args[@]}" \
  "$@"
