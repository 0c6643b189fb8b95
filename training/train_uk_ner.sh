#!/usr/bin/env bash
# Ukrainian NER on NER-UK 2.0: see training/train_ner.sh. Usage: training/train_uk_ner.sh [NAME] [args...]
exec "$(dirname "$0")/train_ner.sh" uk "$@"
