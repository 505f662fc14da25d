#!/usr/bin/env bash
# Starts the telemetry job in application mode (the image's `standalone-job`), passing "$@" to the
# job's main method.
#
# Without high availability, a standalone application cluster restarts its job from scratch with
# the fixed job id 000…0, whose new checkpoints then collide with the retained ones in the volume.
# So every start gets a fresh job id and, unless FLINK_RESUME_FROM_CHECKPOINT=false, resumes from
# the newest completed checkpoint retained under /opt/flink/data/checkpoints.
set -euo pipefail

checkpoints_dir=/opt/flink/data/checkpoints
restore_args=()
if [[ "${FLINK_RESUME_FROM_CHECKPOINT:-true}" == "true" ]]; then
  latest_metadata=$(ls -1t "$checkpoints_dir"/*/chk-*/_metadata 2>/dev/null | head -n 1 || true)
  if [[ -n "$latest_metadata" ]]; then
    restore_args=(--fromSavepoint "$(dirname "$latest_metadata")")
    echo "Resuming from checkpoint $(dirname "$latest_metadata")"
  fi
fi

job_id=$(tr -d '-' </proc/sys/kernel/random/uuid)

exec /docker-entrypoint.sh standalone-job \
  --job-classname dev.telemetry.job.TelemetryAnomalyJob \
  --job-id "$job_id" \
  "${restore_args[@]}" \
  "$@"
