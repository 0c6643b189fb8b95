#!/usr/bin/env bash
# Kyrgyz lemmatizer (seq2seq + dictionary, no POS) on UD_Kyrgyz-KTMU train (Stanza's dev split off train).
# Run from the repository root. Output: training/work/models/ky_lemma.pt, log training/logs/ky_lemma.log
set -euo pipefail
PY=${PY:-.venv/bin/python}
W=training/work
mkdir -p $W/models training/logs
training/prepare_ktmu.sh lemma
D=$W/data/lemma
start=$(date +%s)
$PY -m stanza.models.lemmatizer --mode train --shorthand ky_ktmu --no_pos \
  --train_file $D/ky_ktmu.train.in.conllu --eval_file $D/ky_ktmu.dev.in.conllu \
  --output_file $W/ky_lemma_dev.pred.conllu \
  --num_epoch ${KY_LEMMA_EPOCHS:-20} --log_step 500 --seed 1234 --cpu \
  --save_dir $W/models --save_name ky_lemma.pt 2>&1 | tee training/logs/ky_lemma.log
echo "WALL_SECONDS $(( $(date +%s) - start ))" | tee -a training/logs/ky_lemma.log
