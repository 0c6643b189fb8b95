#!/usr/bin/env bash
# Ukrainian NER (PER/LOC/ORG) on NER-UK 2.0 TRAIN minus a document-level dev split (training/prepare_uk_ner.py).
# Needs training/work/uk/{train,dev}.json and training/work/uk/pretrain.pt (training/build_vectors.py).
# Usage: training/train_uk_ner.sh [NAME] [extra ner_tagger args...]; run from the repository root.
set -euo pipefail
PY=${PY:-.venv/bin/python}
NAME=${1:-uk_ner}; shift || true
W=training/work
mkdir -p $W/models training/logs
start=$(date +%s)
$PY -m stanza.models.ner_tagger --mode train --shorthand uk_neruk \
  --train_file $W/uk/train.json --eval_file $W/uk/dev.json \
  --wordvec_pretrain_file $W/uk/pretrain.pt \
  --max_steps ${UK_STEPS:-7000} --eval_interval 500 --log_step 500 --seed 1234 --cpu \
  --save_dir $W/models --save_name $NAME.pt "$@" 2>&1 | tee training/logs/$NAME.log
echo "WALL_SECONDS $(( $(date +%s) - start ))" | tee -a training/logs/$NAME.log
