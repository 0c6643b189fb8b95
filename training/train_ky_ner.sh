#!/usr/bin/env bash
# Kyrgyz NER (PER/LOC/ORG) on KyrgyzNER TRAIN minus a document-level dev split (training/prepare_ky_ner.py).
# Needs training/work/ky/{train,dev}.json and training/work/ky/pretrain.pt (training/build_vectors.py).
# Usage: training/train_ky_ner.sh [NAME] [extra ner_tagger args...]; run from the repository root.
set -euo pipefail
PY=${PY:-.venv/bin/python}
NAME=${1:-ky_ner}; shift || true
W=training/work
mkdir -p $W/models training/logs
start=$(date +%s)
$PY -m stanza.models.ner_tagger --mode train --shorthand ky_kyrgyzner \
  --train_file $W/ky/train.json --eval_file $W/ky/dev.json \
  --wordvec_pretrain_file $W/ky/pretrain.pt \
  --max_steps ${KY_STEPS:-6000} --eval_interval 500 --log_step 500 --seed 1234 --cpu \
  --save_dir $W/models --save_name $NAME.pt "$@" 2>&1 | tee training/logs/$NAME.log
echo "WALL_SECONDS $(( $(date +%s) - start ))" | tee -a training/logs/$NAME.log
