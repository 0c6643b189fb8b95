#!/usr/bin/env bash
# The whole queue, one training after another (2 shared cores: never in parallel). Run from the repository root:
#   nohup training/run_all.sh > training/work/run_all.out 2>&1 &
# Scratch data and checkpoints go to training/work/ (git-ignored); logs to training/logs/.
set -euo pipefail
PY=${PY:-.venv/bin/python}
export PY
mkdir -p training/work training/logs
# 1. data (seeded document-level dev splits off TRAIN) and word vectors (TRAIN text only)
$PY training/prepare_uk_ner.py
$PY training/prepare_ky_ner.py
$PY training/build_vectors.py --lang uk --corpus training/work/uk/vec_corpus.txt --out training/work/uk/pretrain.pt
$PY training/build_vectors.py --lang ky --corpus training/work/ky/vec_corpus.txt --out training/work/ky/pretrain.pt
# 2. trainings
training/train_ky_tokenizer.sh
training/train_uk_ner.sh uk_ner
training/train_ky_ner.sh ky_ner
training/train_ky_lemma.sh
# optional, not run in the shipped build (no time left): UK_STEPS=5000 training/train_uk_ner.sh uk_ner_wd10 --word_dropout 0.1
# 3. ship and score on TEST
$PY training/ship_models.py --lang uk --ner ${UK_NER:-uk_ner}
$PY training/ship_models.py --lang ky --ner ky_ner
$PY training/evaluate_models.py --lang all --write_manifest | tee training/logs/evaluate.log
