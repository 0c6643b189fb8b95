#!/usr/bin/env bash
# Kyrgyz tokenizer + sentence splitter on UD_Kyrgyz-KTMU train (Stanza's dev split off train, seed 1234 in the helper).
# Run from the repository root. Output: training/work/models/ky_tokenize.pt, log training/logs/ky_tokenizer.log
set -euo pipefail
PY=${PY:-.venv/bin/python}
W=training/work
mkdir -p $W/models training/logs
training/prepare_ktmu.sh tokenizer
D=$W/data/tokenize
start=$(date +%s)
$PY -m stanza.models.tokenizer --mode train --lang ky --shorthand ky_ktmu \
  --txt_file $D/ky_ktmu.train.txt --label_file $D/ky_ktmu-ud-train.toklabels \
  --dev_txt_file $D/ky_ktmu.dev.txt --dev_label_file $D/ky_ktmu-ud-dev.toklabels \
  --dev_conll_gold $D/ky_ktmu.dev.gold.conllu --conll_file $W/ky_tok_dev.pred.conllu \
  --mwt_json_file $D/ky_ktmu-ud-train-mwt.json --max_seqlen 200 \
  --steps 3000 --eval_steps 250 --report_steps 250 --seed 1234 --cpu \
  --save_dir $W/models --save_name ky_tokenize.pt 2>&1 | tee training/logs/ky_tokenizer.log
echo "WALL_SECONDS $(( $(date +%s) - start ))" | tee -a training/logs/ky_tokenizer.log
