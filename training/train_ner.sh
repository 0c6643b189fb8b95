#!/usr/bin/env bash
# A Stanza NER model (PER/LOC/ORG) for LANG (uk: NER-UK 2.0, ky: KyrgyzNER) on its TRAIN part minus a
# document-level dev split (training/prepare_<lang>_ner.py), with the word vectors of training/build_vectors.py.
# Needs training/work/<lang>/{train,dev}.json and training/work/<lang>/pretrain.pt.
# Usage: training/train_ner.sh LANG [NAME] [extra ner_tagger args...]; run from the repository root.
# Steps: UK_STEPS (default 7000) or KY_STEPS (default 6000).
set -euo pipefail
PY=${PY:-.venv/bin/python}
LANG_CODE=$1; shift
case $LANG_CODE in
  uk) SHORTHAND=uk_neruk; STEPS=${UK_STEPS:-7000} ;;
  ky) SHORTHAND=ky_kyrgyzner; STEPS=${KY_STEPS:-6000} ;;
  *) echo "usage: training/train_ner.sh uk|ky [NAME] [args...]" >&2; exit 2 ;;
esac
NAME=${1:-${LANG_CODE}_ner}; shift || true
W=training/work
mkdir -p $W/models training/logs
start=$(date +%s)
$PY -m stanza.models.ner_tagger --mode train --shorthand $SHORTHAND \
  --train_file $W/$LANG_CODE/train.json --eval_file $W/$LANG_CODE/dev.json \
  --wordvec_pretrain_file $W/$LANG_CODE/pretrain.pt \
  --max_steps $STEPS --eval_interval 500 --log_step 500 --seed 1234 --cpu \
  --save_dir $W/models --save_name $NAME.pt "$@" 2>&1 | tee training/logs/$NAME.log
echo "WALL_SECONDS $(( $(date +%s) - start ))" | tee -a training/logs/$NAME.log
