#!/usr/bin/env bash
# Time box for a Stanza NER training on the shared 2-core machine: after DEADLINE (HH:MM, local clock), wait for
# the next dev evaluation in training/logs/NAME.log (the best checkpoint is saved right after it), then stop
# the trainer started with --save_name NAME.pt. The best-by-dev checkpoint so far is what gets shipped.
# Usage: training/stop_at.sh NAME HH:MM
set -uo pipefail
NAME=$1; DEADLINE=$2; LOG=training/logs/$NAME.log
while [[ $(date +%H:%M) < $DEADLINE ]]; do sleep 10; done
pid=""
while [[ -z $pid ]]; do pid=$(pgrep -f -- "--save_name $NAME.pt" | head -1); [[ -z $pid ]] && sleep 10; done
n=$(grep -c "dev_score" "$LOG")
while kill -0 "$pid" 2>/dev/null && [[ $(grep -c "dev_score" "$LOG") -eq $n ]]; do sleep 2; done
sleep 15
if kill -0 "$pid" 2>/dev/null; then
  step=$(grep -o "step [0-9]*: train_loss" "$LOG" | tail -1 | grep -o "[0-9]*")
  kill "$pid"
  echo "STOPPED_BY_TIME_BOX at step $step ($(date +%H:%M:%S))" >> "$LOG"
fi
