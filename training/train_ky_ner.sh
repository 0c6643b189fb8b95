#!/usr/bin/env bash
# Kyrgyz NER on KyrgyzNER: see training/train_ner.sh. Usage: training/train_ky_ner.sh [NAME] [args...]
exec "$(dirname "$0")/train_ner.sh" ky "$@"
